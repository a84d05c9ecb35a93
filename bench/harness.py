"""`make bench`: the public pages under load, served as in production, against a floor.

    make bench                                            # 50,000 articles, 3 rounds of 5 s
    BENCH_ARTICLES=2000 BENCH_ROUNDS=1 BENCH_SECONDS=2 make bench   # a smoke run

What it does (docs/benchmarks.md explains the method and keeps the last table):
1. installs wrk from Debian when it is missing (apt-get; needs root);
2. creates the PostgreSQL database `newsroom_bench` (BENCH_DATABASE) when missing, migrates
   it, and loads `seed_demo --articles N` plus one tag per bulk article, unless a marker on
   the database says it already holds that data set (then the run starts in seconds);
3. collects the static files and starts two gunicorn servers on loopback, each exactly as
   production runs (DEBUG off, 2 sync workers, whitenoise, Redis cache on its own database
   number): "cold" with PAGE_CACHE_SECONDS=0 (no full-page cache; fragment caches on) and
   "warm" with the page cache on. NEWSROOM_BENCH=1 mounts the floor, /_bench/floor/, a
   minimal view answering as many bytes as the article page weighs;
4. runs wrk (BENCH_THREADS threads, BENCH_CONNECTIONS connections, BENCH_SECONDS per
   measurement) on each page cold, then warm after one priming request, in rounds that each
   start with the floor; reports the medians over rounds of req/s, p50, p99 and of each
   page's ratio to the floor of its own round, and the issue's targets, pass or fail;
5. prints the table and writes it into docs/benchmarks.md (BENCH_WRITE=0: print only);
6. stops both servers (by their process group) on exit, also on failure or Ctrl-C.

Only 127.0.0.1 is ever contacted. Environment (defaults in brackets): BENCH_ARTICLES
[50000], BENCH_ROUNDS [3], BENCH_SECONDS [5], BENCH_CONNECTIONS [16], BENCH_THREADS [2],
BENCH_WORKERS [2], BENCH_PG [postgres://postgres@127.0.0.1:5432], BENCH_DATABASE
[newsroom_bench], BENCH_REDIS_URL [redis://127.0.0.1:6379/11], BENCH_COLD_PORT [8101],
BENCH_WARM_PORT [8102], BENCH_SEARCH_WORD [مراكش], BENCH_LABEL [empty: a note printed above
the table], BENCH_WRITE [1], BENCH_OUTPUT [docs/benchmarks.md].
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WORK = ROOT / "var" / "bench"
CACHE_HEADER = "X-Page-Cache"  # core/pagecache.py: hit or miss
START_MARK = "<!-- bench:results:start -->"
END_MARK = "<!-- bench:results:end -->"

# The targets (issue 11), as ratios.
UNCACHED_MIN = 0.12  # every page rendered uncached, to the floor
CACHED_MIN = 0.8  # every page from the page cache, to the floor
DEEP_MAX_COST = 1.5  # deep section page's cost (1 / req/s) to page 1's
SEARCH_MIN = 0.5  # search req/s to the uncached article page's


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Config:
    articles: int = env_int("BENCH_ARTICLES", 50_000)
    rounds: int = env_int("BENCH_ROUNDS", 3)
    seconds: int = env_int("BENCH_SECONDS", 5)
    connections: int = env_int("BENCH_CONNECTIONS", 16)
    threads: int = env_int("BENCH_THREADS", 2)
    workers: int = env_int("BENCH_WORKERS", 2)
    pg: str = os.environ.get("BENCH_PG") or "postgres://postgres@127.0.0.1:5432"
    database: str = os.environ.get("BENCH_DATABASE") or "newsroom_bench"
    redis_url: str = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/11"
    cold_port: int = env_int("BENCH_COLD_PORT", 8101)
    warm_port: int = env_int("BENCH_WARM_PORT", 8102)
    label: str = os.environ.get("BENCH_LABEL", "")
    accept_encoding: str = os.environ.get("BENCH_ACCEPT_ENCODING", "")
    write: bool = os.environ.get("BENCH_WRITE", "1") not in {"0", "false", "no", "off"}
    output: Path = ROOT / (os.environ.get("BENCH_OUTPUT") or "docs/benchmarks.md")

    @property
    def database_url(self) -> str:
        return f"{self.pg.rstrip('/')}/{self.database}"

    @property
    def marker(self) -> str:
        return f"newsroom-bench: seed_demo --articles {self.articles} + tag-bulk"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], *, env: dict | None = None, timeout: float, quiet: bool = False):
    """A step of the run: fails the whole run loudly if it fails."""
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed ({result.returncode})")
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)
    return result


# --- set-up ------------------------------------------------------------------------------


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    log("wrk is missing: installing it from Debian (apt-get install wrk)")
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=apt, timeout=600, quiet=True)
    run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt, timeout=600, quiet=True)
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("bench: wrk could not be installed")
    return path


def server_env(config: Config, **extra: str) -> dict[str, str]:
    """Production settings on the benchmark's own database, Redis database and folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PAGE_CACHE", "PYTEST"))
        and k not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "SERVE_MEDIA"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-not-secret",
        ALLOW_WEAK_SECRET_KEY="1",  # a throwaway key for a throwaway site (docs/security.md)
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=config.database_url,
        REDIS_URL=config.redis_url,
        MEDIA_ROOT=str(WORK / "media"),
        PRIVATE_MEDIA_ROOT=str(WORK / "private"),
        STATIC_ROOT=str(WORK / "static"),
        SERVE_MEDIA="0",
        NEWSROOM_BENCH="1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.update(extra)
    return env


def pg_connect(config: Config, database: str):
    import psycopg

    return psycopg.connect(f"{config.pg.rstrip('/')}/{database}", autocommit=True)


def database_marker(config: Config) -> str | None:
    """The comment on the benchmark database (None when the database does not exist)."""
    with pg_connect(config, "postgres") as conn:
        row = conn.execute(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
            "WHERE datname = %s",
            [config.database],
        ).fetchone()
    return None if row is None else row[0]


def ensure_data(config: Config) -> None:
    from psycopg import sql

    marker = database_marker(config)
    name = sql.Identifier(config.database)
    if marker is not None and marker != config.marker:
        log(f"{config.database} holds another data set ({marker or 'unmarked'}): recreating it")
        with pg_connect(config, "postgres") as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
        marker = None
    if marker is None:
        with pg_connect(config, "postgres") as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    env = server_env(config)
    log(f"migrate {config.database}")
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, timeout=900, quiet=True)
    if marker == config.marker:
        log(f"{config.database} already holds the data set ({marker})")
        return
    log(f"seed_demo --articles {config.articles} (once per data set; about 1.5 s per 1,000)")
    started = time.monotonic()
    run([PYTHON, "bench/tasks.py", "seed", str(config.articles)], env=env, timeout=3600, quiet=True)
    run([PYTHON, "bench/tasks.py", "tag-bulk"], env=env, timeout=900)
    with pg_connect(config, config.database) as conn:
        conn.execute("VACUUM ANALYZE")  # statistics as autovacuum would have gathered them
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(name, sql.Literal(config.marker))
        )
    log(f"data set loaded in {time.monotonic() - started:.0f} s")


def static_stamp() -> str:
    """What collectstatic's output depends on: our static files (names, sizes, times) and
    the installed packages (the venv's install stamp)."""
    digest = hashlib.sha256()
    sources = [ROOT / "static", *ROOT.glob("*/static")]
    for path in sorted(p for source in sources for p in source.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    installed = ROOT / ".venv" / ".installed"
    if installed.exists():
        digest.update(str(installed.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def collect_static(env: dict[str, str]) -> None:
    """collectstatic, as production runs it before starting: skipped when nothing it reads
    changed since the last benchmark (its manifest post-processing takes a minute here)."""
    stamp_file = WORK / "static.stamp"
    stamp = static_stamp()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        log("collectstatic: static files unchanged since the last run")
        return
    log("collectstatic")
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=env, timeout=900, quiet=True)
    stamp_file.write_text(stamp)


def flush_redis(config: Config) -> None:
    import redis

    redis.Redis.from_url(config.redis_url).flushdb()


# --- servers -----------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    env: dict[str, str]
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pidfile(self) -> Path:
        return WORK / f"gunicorn-{self.name}.pid"

    def stop_stale(self) -> None:
        """A server a previous run left behind (that run was killed outright): stopped by
        the process id it recorded, if that process is still our gunicorn on this port."""
        try:
            pid = int(self.pidfile.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            return
        if "gunicorn" in cmdline and f"127.0.0.1:{self.port}" in cmdline:
            log(f"stopping the {self.name} server a previous run left (pid {pid})")
            os.killpg(pid, signal.SIGTERM)
            for _ in range(40):
                if not Path(f"/proc/{pid}").exists():
                    break
                time.sleep(0.5)
        self.pidfile.unlink(missing_ok=True)

    def start(self, workers: int) -> None:
        self.stop_stale()
        logfile = open(WORK / f"gunicorn-{self.name}.log", "w")  # noqa: SIM115 (lives with the server)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its workers
        )
        RUNNING.append(self)
        self.pidfile.write_text(str(self.process.pid))

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        self.pidfile.unlink(missing_ok=True)

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"bench: the {self.name} server exited; see {WORK / f'gunicorn-{self.name}.log'}"
                )
            try:
                if fetch(self.base + path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"bench: the {self.name} server did not answer within {timeout:.0f} s")


RUNNING: list[Server] = []


def stop_all() -> None:
    while RUNNING:
        server = RUNNING.pop()
        server.stop()


def on_signal(signum, frame):
    raise SystemExit(f"bench: interrupted by signal {signum}")


def fetch(url: str, accept_encoding: str = "") -> tuple[int, bytes, dict]:
    assert urlsplit(url).hostname == "127.0.0.1"
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


# --- measurements ------------------------------------------------------------------------


@dataclass
class Sample:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    floor_rps: float


@dataclass
class Results:
    samples: dict[tuple[str, str], list[Sample]] = field(default_factory=dict)
    # X-Page-Cache of the request made just before each measurement (core/pagecache.py):
    # "hit" on the warm server shows the measurement was served from the page cache.
    cache_states: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def saw(self, page: str, mode: str, headers: dict) -> None:
        state = headers.get(CACHE_HEADER) or "none"
        self.cache_states.setdefault((page, mode), []).append(state)

    def cache_state(self, page: str, mode: str) -> str:
        return "/".join(sorted(set(self.cache_states.get((page, mode), [])))) or "?"

    def add(self, page: str, mode: str, sample: Sample) -> None:
        self.samples.setdefault((page, mode), []).append(sample)

    def median(self, page: str, mode: str, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples[(page, mode)])

    def ratio(self, page: str, mode: str) -> float:
        return statistics.median(s.rps / s.floor_rps for s in self.samples[(page, mode)])

    def errors(self, page: str, mode: str) -> int:
        return sum(s.errors for s in self.samples[(page, mode)])


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"unknown wrk duration {text!r}")
    return float(match[1]) * UNITS[match[2]]


def parse_wrk(output: str) -> tuple[float, float, float, int]:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = parse_duration(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1])
    p99 = parse_duration(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1])
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        # Reads that fail because gunicorn's sync workers close each connection are not
        # errors of the page; refused connections and timeouts are.
        errors += int(match[1]) + int(match[4])
    return rps, p50, p99, errors


def wrk(wrk_path: str, config: Config, url: str) -> tuple[float, float, float, int]:
    assert urlsplit(url).hostname == "127.0.0.1"
    cmd = [
        wrk_path,
        f"-t{config.threads}",
        f"-c{config.connections}",
        f"-d{config.seconds}s",
        "--timeout",
        "30s",
        "--latency",
        *(["-H", f"Accept-Encoding: {config.accept_encoding}"] if config.accept_encoding else []),
        url,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=config.seconds + 60)
    if result.returncode != 0 or "Requests/sec" not in result.stdout:
        raise SystemExit(f"bench: wrk failed on {url}:\n{result.stdout}{result.stderr}")
    try:
        return parse_wrk(result.stdout)
    except (TypeError, ValueError) as error:  # no latency line: no request completed
        raise SystemExit(f"bench: cannot read wrk's output for {url}:\n{result.stdout}") from error


def quoted(path: str) -> str:
    """The path as wrk sends it (percent-encoded Arabic)."""
    parts = urlsplit(path)
    return urlunsplit(("", "", quote(parts.path, safe="/%"), quote(parts.query, safe="=&%"), ""))


def check_pages(config: Config, servers: list[Server], pages: dict[str, str]) -> dict[str, int]:
    """Every page answers 200 on every server (wrk counts other statuses as errors, but a
    404 page measured at full speed would be worse than no figure). Returns their sizes."""
    sizes = {}
    for server in servers:
        for name, path in pages.items():
            status, body, _headers = fetch(server.base + path, config.accept_encoding)
            if status != 200:
                raise SystemExit(
                    f"bench: {name} {path} answered {status} on the {server.name} server"
                )
            sizes[name] = len(body)
    return sizes


def measure(config: Config, wrk_path: str, cold: Server, warm: Server, pages: dict[str, str]):
    results = Results()
    floor = "/_bench/floor/"
    for number in range(1, config.rounds + 1):
        rps, p50, p99, errors = wrk(wrk_path, config, cold.base + floor)
        log(f"round {number}/{config.rounds}: floor {rps:,.0f} req/s")
        results.add("floor", "-", Sample(rps, p50, p99, errors, rps))
        for name, path in pages.items():
            results.saw(name, "cold", fetch(cold.base + path, config.accept_encoding)[2])
            cold_sample = Sample(*wrk(wrk_path, config, cold.base + path), rps)
            results.add(name, "cold", cold_sample)
            fetch(warm.base + path, config.accept_encoding)  # the priming request
            results.saw(name, "warm", fetch(warm.base + path, config.accept_encoding)[2])
            warm_sample = Sample(*wrk(wrk_path, config, warm.base + path), rps)
            results.add(name, "warm", warm_sample)
            log(
                f"  {name}: cold {cold_sample.rps:,.1f} req/s ({cold_sample.rps / rps:.3f}), "
                f"warm {warm_sample.rps:,.1f} req/s ({warm_sample.rps / rps:.3f})"
            )
    return results


# --- report ------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram_kb = int(line.split()[1])
    return f"{os.cpu_count()} CPUs ({cpu}), {ram_kb / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}"


def versions(config: Config, wrk_path: str) -> str:
    with pg_connect(config, config.database) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    wrk_version = subprocess.run([wrk_path, "-v"], capture_output=True, text=True).stdout
    wrk_version = (wrk_version.split() or ["wrk", "?"])[1]
    django = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django, gunicorn; print(django.get_version(), gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    return (
        f"PostgreSQL {pg}, Python {platform.python_version()}, Django {django[0]}, "
        f"gunicorn {django[1]}, wrk {wrk_version}"
    )


def command_line(config: Config) -> str:
    overrides = " ".join(
        f"{k}={shlex.quote(os.environ[k])}"
        for k in sorted(os.environ)
        if k.startswith("BENCH_") and os.environ[k]
    )
    return f"{overrides} make bench".strip()


def git_revision() -> str:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head}{' with uncommitted changes' if dirty else ''}"


def verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def targets(results: Results, pages: dict[str, str]) -> list[str]:
    names = list(pages)
    deep = next(n for n in names if n.startswith("section p") and n != "section p1")
    lines = []
    for mode, minimum, what in (
        ("cold", UNCACHED_MIN, "every page rendered uncached"),
        ("warm", CACHED_MIN, "every page from the page cache"),
    ):
        short = [
            f"{n} {results.ratio(n, mode):.3f}" for n in names if results.ratio(n, mode) < minimum
        ]
        below = f" (below: {', '.join(short)})" if short else ""
        lines.append(f"- {what} ≥ {minimum} of the floor: {verdict(not short)}{below}")
    cost = statistics.median(
        p1.rps / d.rps
        for p1, d in zip(
            results.samples[("section p1", "cold")], results.samples[(deep, "cold")], strict=True
        )
    )
    lines.append(
        f"- {deep} costs ≤ {DEEP_MAX_COST}× section p1 (uncached, req/s of p1 / req/s of the deep "
        f"page): {cost:.2f}× {verdict(cost <= DEEP_MAX_COST)}"
    )
    search = next(n for n in names if n.startswith("search"))
    share = statistics.median(
        s.rps / a.rps
        for s, a in zip(
            results.samples[(search, "cold")],
            results.samples[("article (ar)", "cold")],
            strict=True,
        )
    )
    lines.append(
        f"- search ≥ {SEARCH_MIN} of the uncached article page's req/s: {share:.2f} {verdict(share >= SEARCH_MIN)}"
    )
    lines.append(
        "- query counts fixed as data grows, and no sequential scan of the article table in "
        "any public listing at 50,000 articles: asserted by tests (`tests/test_query_budgets.py`, "
        "the EXPLAIN test on PostgreSQL), not measured here"
    )
    return lines


def report(config, results, pages, sizes, discovered, started, wrk_path, load) -> str:
    facts = discovered["facts"]
    floor_rps = results.median("floor", "-", "rps")
    out = []
    if config.label:
        out += [f"> **{config.label}**", ""]
    out += [
        f"- date: {started:%Y-%m-%d %H:%M %Z}, {config.rounds} round(s), "
        f"{config.seconds} s per measurement",
        f"- machine: {machine()}; load average {load[0]:.1f} at the start, {load[1]:.1f} at the end",
        f"- software: {versions(config, wrk_path)}; code at {git_revision()}",
        f"- command: `{command_line(config)}`",
        f"- load: `wrk -t{config.threads} -c{config.connections} -d{config.seconds}s --latency` "
        f"on 127.0.0.1, gunicorn with {config.workers} sync workers per server, "
        + (
            f"Accept-Encoding: {config.accept_encoding}"
            if config.accept_encoding
            else "no Accept-Encoding"
        )
        + " (so no compression)" * (not config.accept_encoding),
        f"- data: {facts['articles']:,} articles ({facts['published (ar)']:,} published in Arabic); "
        f"the section has {facts['in section']:,} ({facts['section pages']:,} pages), the tag "
        f"{facts['tag articles']:,}, the month {facts['month articles']:,}; "
        f"“{facts['search word']}” is in {facts['search title matches']:,} titles, the search "
        f"counts {facts['search matches']:,} matches",
        f"- floor: {discovered['article_bytes']:,} bytes (the article page's size), "
        f"{floor_rps:,.0f} req/s (median), p50 {results.median('floor', '-', 'p50_ms'):.1f} ms",
        "",
        "| page | bytes | cold req/s | cold p50 ms | cold p99 ms | cold / floor "
        f"| warm req/s | warm p50 ms | warm p99 ms | warm / floor | {CACHE_HEADER} cold, warm |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    errors = []
    for name in pages:
        row = [name, f"{sizes[name]:,}"]
        for mode in ("cold", "warm"):
            row += [
                f"{results.median(name, mode, 'rps'):,.1f}",
                f"{results.median(name, mode, 'p50_ms'):,.1f}",
                f"{results.median(name, mode, 'p99_ms'):,.1f}",
                f"{results.ratio(name, mode):.3f}",
            ]
            if results.errors(name, mode):
                errors.append(f"{name} ({mode}): {results.errors(name, mode)} failed requests")
        row.append(f"{results.cache_state(name, 'cold')}, {results.cache_state(name, 'warm')}")
        out.append("| " + " | ".join(row) + " |")
    out += ["", "Pages measured:", ""]
    out += [f"- {name}: `{unquote(path)}`" for name, path in pages.items()]
    out += ["", "Targets (issue 11), on the medians of the per-round ratios:", ""]
    out += targets(results, pages)
    if errors or results.errors("floor", "-"):
        out += [
            "",
            "Failed requests (non-2xx/3xx, refused connections, timeouts): " + "; ".join(errors),
        ]
    return "\n".join(out) + "\n"


def write_report(config: Config, text: str) -> None:
    block = f"{START_MARK}\n{text}{END_MARK}"
    current = config.output.read_text() if config.output.exists() else "# Benchmarks\n"
    if START_MARK in current and END_MARK in current:
        head, rest = current.split(START_MARK, 1)
        tail = rest.split(END_MARK, 1)[1]
        updated = head + block + tail
    else:
        updated = current.rstrip("\n") + "\n\n## Last run\n\n" + block + "\n"
    config.output.write_text(updated)
    log(f"table written to {config.output.relative_to(ROOT)}")


# --- main --------------------------------------------------------------------------------


def main() -> None:
    config = Config()
    started = datetime.now().astimezone()
    load_start = os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    log(
        f"{config.articles:,} articles, {config.rounds} round(s), {config.seconds} s per measurement"
    )
    wrk_path = ensure_wrk()
    ensure_data(config)
    base_env = server_env(config)
    collect_static(base_env)
    flush_redis(config)
    discovered = json.loads(
        run([PYTHON, "bench/tasks.py", "discover"], env=base_env, timeout=600, quiet=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    pages = {name: quoted(path) for name, path in discovered["pages"].items()}
    runs = config.rounds * (2 * len(pages) + 1)
    log(f"{runs} measurements: about {runs * (config.seconds + 0.5) / 60:.1f} min of load")
    floor_bytes = str(discovered["article_bytes"])
    flush_redis(config)  # nothing discover cached reaches the servers
    cold = Server(
        "cold",
        config.cold_port,
        server_env(config, PAGE_CACHE_SECONDS="0", BENCH_FLOOR_BYTES=floor_bytes),
    )
    warm = Server("warm", config.warm_port, server_env(config, BENCH_FLOOR_BYTES=floor_bytes))
    for server in (cold, warm):
        server.start(config.workers)
    for server in (cold, warm):
        server.wait_ready("/_bench/floor/")
    log(f"servers up: cold {cold.base}, warm {warm.base}")
    status, body, _ = fetch(cold.base + "/_bench/floor/")
    if len(body) != discovered["article_bytes"]:
        raise SystemExit(f"bench: the floor answered {len(body)} bytes, not {floor_bytes}")
    sizes = check_pages(config, [cold, warm], pages)
    results = measure(config, wrk_path, cold, warm, pages)
    stop_all()
    text = report(
        config,
        results,
        pages,
        sizes,
        discovered,
        started,
        wrk_path,
        (load_start, os.getloadavg()[0]),
    )
    print()
    print(text)
    with open(WORK / f"results-{started:%Y%m%d-%H%M%S}.json", "w") as raw:
        json.dump(
            {f"{p}|{m}": [s.__dict__ for s in v] for (p, m), v in results.samples.items()},
            raw,
            indent=1,
        )
    if config.write:
        write_report(config, text)


if __name__ == "__main__":
    main()
