"""Reader pages read from read replicas; everything else uses the primary (docs/deployment.md).

Active only when `DATABASE_REPLICA_URLS` names replicas (newsroom/settings.py adds the
aliases `replica1`, `replica2`…, this router and `ReplicaMiddleware`). The rules:

* Writes always go to the primary (`default`), and so do migrations.
* Reads go to the primary, unless the request is a reader's page: `ReplicaMiddleware`
  opens a replica scope for GET and HEAD requests outside `DATABASE_PRIMARY_PATH_PREFIXES`
  (the admin, previews) from someone who is not staff (the session and the user are read
  before, from the primary). Commands, cron jobs, the admin, previews and every POST read
  the primary.
* A request that writes (a counter flush, a login) reads the primary for the rest of it.
* For `DATABASE_REPLICA_LAG_SECONDS` after public content changed (`content_changed()`,
  called by `core.cache.invalidate_public_pages()`), readers use the primary too: a page
  rendered then is cached under the new generation, and must not come from a replica that
  has not replayed the change yet.
"""

import contextlib
import contextvars
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

FENCE_KEY = "db-replica-fence"


@dataclass
class _Scope:
    replica: str
    wrote: bool = False


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(
    "newsroom_replica_scope", default=None
)


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        scope = _scope.get()
        if scope is None or scope.wrote:
            return "default"
        return scope.replica

    def db_for_write(self, model, **hints):
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class replica_scope:
    """Within it, reads go to `alias` (a replica) until something is written."""

    def __init__(self, alias: str):
        self.alias = alias

    def __enter__(self):
        self._token = _scope.set(_Scope(replica=self.alias))
        return self

    def __exit__(self, *exc):
        _scope.reset(self._token)
        return False


def content_changed() -> None:
    """Public content changed: readers use the primary until the replicas have caught up."""
    lag = getattr(settings, "DATABASE_REPLICA_LAG_SECONDS", 0)
    if not replicas() or lag <= 0:
        return
    # No cache: readers may get a replica's older rows for a moment.
    with contextlib.suppress(Exception):
        cache.set(FENCE_KEY, time.time() + lag, timeout=lag)


def fenced() -> bool:
    try:
        until = cache.get(FENCE_KEY)
    except Exception:
        return False
    return until is not None and until > time.time()


def is_reader_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(primary_paths()):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.is_staff)


def primary_paths() -> tuple[str, ...]:
    return tuple(getattr(settings, "DATABASE_PRIMARY_PATH_PREFIXES", ("/admin/",)))


class ReplicaMiddleware:
    """Opens a replica scope around reader pages (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        aliases = replicas()
        if not aliases or not is_reader_request(request) or fenced():
            return self.get_response(request)
        with replica_scope(random.choice(aliases)):
            return self.get_response(request)
