"""Counting on the hot path without a database write per hit: aggregate, then flush.

    counters.register("banner_click", counters.adder(BannerStat, "banner", "clicks"))
    counters.hit("banner_click", banner.pk)          # in a view: no database write
    counters.flush("banner_click")                   # later: one upsert for all pending counts

`hit` adds to a per-(object, bucket) total, the bucket being the day (site time zone) or,
for kinds registered with per="hour", the UTC hour: in Redis (HINCRBY on one hash per kind) when
settings.REDIS_URL is set, shared by every process; otherwise in a thread-safe buffer of
this process. `flush` takes the pending totals atomically (a MULTI/EXEC of HGETALL + DEL in
Redis, a swap under the lock in the buffer), so a hit lands in exactly one flush, and hands
them to the kind's `apply(rows)`, which adds them to its table in one transaction. When
`apply` fails, the totals are put back for the next flush.

Flushing happens: in `manage.py flush_counters` (cron, every minute; it sees Redis, not
other processes' buffers), in-process after COUNTERS_FLUSH_HITS hits or
COUNTERS_FLUSH_SECONDS seconds (after the request's transaction commits), and when a
gunicorn worker exits (gunicorn.conf.py). docs/counters.md says what a crash can lose.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

Bucket = date | datetime  # a day, or an aware UTC hour
Row = tuple[int, Bucket, int]
Apply = Callable[[list[Row]], None]

_registry: dict[str, Apply] = {}
_per_hour: set[str] = set()
_lock = threading.Lock()
_buffer: dict[str, dict[tuple[int, Bucket], int]] = defaultdict(dict)
_hits_since_flush = 0
_last_flush = time.monotonic()
_redis_clients: dict[str, object] = {}


# --- registry ---------------------------------------------------------------------------


def register(kind: str, apply: Apply, *, per: str = "day") -> None:
    """Make `flush(kind)`, `flush_all()` and `manage.py flush_counters` know this kind.

    per="hour" counts in UTC hours instead of days (the "last 24 hours" of most read).
    """
    if per not in ("day", "hour"):
        raise ValueError(f"counters: per must be 'day' or 'hour', not {per!r}")
    _registry[kind] = apply
    if per == "hour":
        _per_hour.add(kind)
    else:
        _per_hour.discard(kind)


def registered() -> list[str]:
    return sorted(_registry)


# --- the hot path -----------------------------------------------------------------------


def hit(kind: str, object_id: int, n: int = 1, *, when: datetime | date | None = None) -> None:
    """Count `n` for `object_id` in the bucket of `when` (default now): its day in the site
    time zone, or its UTC hour for kinds registered per hour.

    Never writes to the database and never raises: a counting problem must not break a page.
    """
    bucket = hour_bucket(when) if kind in _per_hour else _day(when)
    client = _redis()
    if client is not None:
        try:
            client.hincrby(_key(kind), f"{int(object_id)}|{bucket.isoformat()}", n)
        except Exception:  # Redis unreachable: keep the count in this process instead
            logger.warning("counters: Redis unavailable, buffering %s in process", kind)
            _buffer_add(kind, {(int(object_id), bucket): n})
    else:
        _buffer_add(kind, {(int(object_id), bucket): n})
    _maybe_autoflush()


def hour_bucket(when=None) -> datetime:
    """The UTC hour of `when` (default now), as an aware datetime: an hourly bucket."""
    moment = when if isinstance(when, datetime) else timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _day(when) -> date:
    if when is None:
        return timezone.localdate()
    if isinstance(when, datetime):
        return timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return when


def _buffer_add(kind: str, counts: dict[tuple[int, Bucket], int]) -> None:
    with _lock:
        bucket = _buffer[kind]
        for key, n in counts.items():
            bucket[key] = bucket.get(key, 0) + n


# --- reading and taking -------------------------------------------------------------------


def pending(kind: str) -> dict[tuple[int, Bucket], int]:
    """What `hit` has counted and no flush has taken yet (Redis and this process)."""
    totals: dict[tuple[int, Bucket], int] = {}
    client = _redis()
    if client is not None:
        try:
            totals = _decode(client.hgetall(_key(kind)))
        except Exception:
            logger.warning("counters: Redis unavailable, pending(%s) shows this process only", kind)
    with _lock:
        for key, n in _buffer.get(kind, {}).items():
            totals[key] = totals.get(key, 0) + n
    return totals


def _take(kind: str) -> dict[tuple[int, Bucket], int]:
    with _lock:
        taken = _buffer.pop(kind, {})
    client = _redis()
    if client is not None:
        pipe = client.pipeline(transaction=True)  # MULTI/EXEC: nothing slips in between
        pipe.hgetall(_key(kind))
        pipe.delete(_key(kind))
        try:
            raw, _deleted = pipe.execute()
        except Exception:
            logger.warning("counters: Redis unavailable, cannot flush %s from it now", kind)
        else:
            for key, n in _decode(raw).items():
                taken[key] = taken.get(key, 0) + n
    return {key: n for key, n in taken.items() if n}


def _put_back(kind: str, counts: dict[tuple[int, Bucket], int]) -> None:
    client = _redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=False)
            for (object_id, bucket), n in counts.items():
                pipe.hincrby(_key(kind), f"{object_id}|{bucket.isoformat()}", n)
            pipe.execute()
            return
        except Exception:
            logger.warning("counters: Redis unavailable, keeping %s in process", kind)
    _buffer_add(kind, counts)


def _decode(raw: dict) -> dict[tuple[int, Bucket], int]:
    totals = {}
    for field, value in raw.items():
        field = field.decode() if isinstance(field, bytes) else field
        object_id, _sep, bucket = field.partition("|")
        parse = datetime.fromisoformat if "T" in bucket else date.fromisoformat
        totals[(int(object_id), parse(bucket))] = int(value)
    return totals


# --- flushing -----------------------------------------------------------------------------


def flush(kind: str, apply: Apply | None = None) -> int:
    """Move the pending counts of `kind` to the database with `apply`; returns their total.

    `apply(rows)` gets [(object_id, bucket, n), …] and must add them atomically (all or
    none), e.g. with `adder`. If it raises, the counts go back to pending and it re-raises.
    """
    apply = apply or _registry[kind]
    counts = _take(kind)
    if not counts:
        return 0
    rows = [(object_id, bucket, n) for (object_id, bucket), n in sorted(counts.items())]
    try:
        apply(rows)
    except BaseException:
        _put_back(kind, counts)
        raise
    return sum(counts.values())


def flush_all() -> dict[str, int]:
    """Flush every registered kind; a kind that fails is logged and kept for the next run."""
    done = {}
    for kind in registered():
        try:
            done[kind] = flush(kind)
        except Exception:
            logger.exception("counters: flushing %s failed; its counts are kept", kind)
    return done


def _maybe_autoflush() -> None:
    """Flush in-process every COUNTERS_FLUSH_HITS hits or COUNTERS_FLUSH_SECONDS seconds.

    Runs after the current transaction commits (at once outside one), so a page whose
    transaction rolls back does not take the flush down with it.
    """
    global _hits_since_flush, _last_flush
    every_hits = settings.COUNTERS_FLUSH_HITS
    every_seconds = settings.COUNTERS_FLUSH_SECONDS
    if every_hits <= 0 and every_seconds <= 0:
        return
    now = time.monotonic()
    with _lock:
        _hits_since_flush += 1
        due = (every_hits > 0 and _hits_since_flush >= every_hits) or (
            every_seconds > 0 and now - _last_flush >= every_seconds
        )
        if not due:
            return
        _hits_since_flush = 0
        _last_flush = now
    transaction.on_commit(flush_all)


# --- applying: the database side ------------------------------------------------------------


def adder(
    model, object_field: str, count_field: str, *, bucket_field: str = "date", batch: int = 500
) -> Apply:
    """An `apply` adding counts to `model`, a table of (object, day or hour) → count.

    One `INSERT … ON CONFLICT (object, bucket) DO UPDATE SET count = count + excluded.count`
    per batch, in one transaction: concurrent flushes add up and never lose a row or a count
    (PostgreSQL and SQLite). The model needs a unique constraint on (object, date), and
    `db_default=0` on its other count columns. Counts of deleted objects are dropped.
    """
    meta = model._meta
    fk = meta.get_field(object_field)
    bucket_column = meta.get_field(bucket_field).column
    count_column = meta.get_field(count_field).column

    def apply(rows: list[Row]) -> None:
        db = router.db_for_write(model)
        connection = connections[db]
        if connection.vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError(f"counters: no upsert for {connection.vendor}")
        qn = connection.ops.quote_name
        table = qn(meta.db_table)
        sql_head = f"INSERT INTO {table} ({qn(fk.column)}, {qn(bucket_column)}, {qn(count_column)}) VALUES "
        sql_tail = (
            f" ON CONFLICT ({qn(fk.column)}, {qn(bucket_column)}) DO UPDATE SET "
            f"{qn(count_column)} = {table}.{qn(count_column)} + excluded.{qn(count_column)}"
        )
        with transaction.atomic(using=db):
            # Foreign keys are checked at commit on PostgreSQL: one deleted object would
            # fail the whole flush, so keep only rows whose object still exists.
            ids = {object_id for object_id, _day, _n in rows}
            existing = set(
                fk.related_model._default_manager.using(db)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
            live = [row for row in rows if row[0] in existing]
            with connection.cursor() as cursor:
                for chunk in _chunks(live, batch):
                    values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                    params = [
                        value
                        for object_id, bucket, n in chunk
                        for value in (object_id, _adapt(connection, bucket), n)
                    ]
                    cursor.execute(sql_head + values + sql_tail, params)

    return apply


def _chunks(rows: list, size: int) -> Iterable[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# --- Redis ----------------------------------------------------------------------------------


def _redis():
    url = settings.REDIS_URL
    if not url:
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        _redis_clients[url] = client
    return client


def _key(kind: str) -> str:
    return f"{settings.COUNTERS_KEY_PREFIX}:{kind}"


def reset_for_tests() -> None:
    """Forget this process's pending counts and autoflush state (tests only)."""
    global _hits_since_flush, _last_flush
    with _lock:
        _buffer.clear()
        _hits_since_flush = 0
        _last_flush = time.monotonic()


def _adapt(connection, bucket: Bucket):
    if isinstance(bucket, datetime):
        return connection.ops.adapt_datetimefield_value(bucket)
    return connection.ops.adapt_datefield_value(bucket)
