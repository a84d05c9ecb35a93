"""`make bench-search`: search under load on PostgreSQL and on the embedded SQLite default,
the same data set on each, against the uncached article page of the same server.

    make bench-search                                  # 50,000 articles, 3 rounds of 5 s
    BENCH_ARTICLES=2000 BENCH_ROUNDS=1 BENCH_SECONDS=2 make bench-search   # a smoke run

What it does (docs/performance.md keeps the figures):
1. the PostgreSQL data set of `make bench` (bench/harness.py: `newsroom_bench`, loaded once),
   and the same `seed_demo --articles N` in an SQLite file of its own
   (var/bench/search-N.sqlite3, loaded once: a marker file records the data set);
2. two gunicorn servers as production runs them (DEBUG off, 2 sync workers, Redis), the page
   cache off (PAGE_CACHE_SECONDS=0): every search is matched and ranked;
3. in rounds, alternating the databases: the article page, then searches (a word in a fifth
   of the articles, a city in the titles, a quoted phrase, a misspelt word, a French word);
4. prints req/s, p50 and p99 per database and page, the median ratio of each search to the
   article page of its own server and round, and of SQLite's search to PostgreSQL's; writes
   the table into docs/performance.md between the bench:search markers (BENCH_WRITE=0: no).

Only 127.0.0.1 is contacted; both servers are stopped by their process group on exit.
"""

from __future__ import annotations

import atexit
import os
import signal
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
from harness import (
    PYTHON,
    ROOT,
    WORK,
    Config,
    Server,
    collect_static,
    ensure_data,
    ensure_wrk,
    fetch,
    log,
    machine,
    run,
    server_env,
    stop_all,
    wrk,
)

START_MARK = "<!-- bench:search:start -->"
END_MARK = "<!-- bench:search:end -->"
SEARCH_MIN = 0.5  # PostgreSQL search req/s to its article page's
SQLITE_MAX_SLOWDOWN = 3.0  # SQLite search within 3× PostgreSQL's

# Words of the bulk set (newsroom/management/commands/seed_demo.py): its leads and bodies
# repeat five paragraphs (المشروع and المواطنين in every article, projet in every French
# one), its titles an event in one of twelve cities (مراكش in one article in eight).
SEARCHES = {
    "search: common word (ar)": ("ar", "المشروع"),
    "search: city (ar)": ("ar", "مراكش"),
    "search: phrase (ar)": ("ar", '"المسؤولون المحليون"'),
    "search: misspelt (ar)": ("ar", "مراكس"),
    "search: two words (ar)": ("ar", "مراكش المواطنين"),
    "search: common word (fr)": ("fr", "projet"),
}


def sqlite_path(config: Config) -> Path:
    return WORK / f"search-{config.articles}.sqlite3"


def ensure_sqlite(config: Config) -> str:
    path = sqlite_path(config)
    marker = path.with_suffix(".loaded")
    url = f"sqlite:///{path}"
    env = server_env(config, DATABASE_URL=url)
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, timeout=900, quiet=True)
    if marker.exists():
        log(f"{path.name} already holds the data set")
        return url
    log(f"seed_demo --articles {config.articles} into {path.name} (once)")
    started = time.monotonic()
    run([PYTHON, "bench/tasks.py", "seed", str(config.articles)], env=env, timeout=3600, quiet=True)
    run([PYTHON, "manage.py", "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"], env=env, timeout=600, quiet=True)  # fmt: skip
    marker.write_text(config.marker)
    log(f"SQLite data set loaded in {time.monotonic() - started:.0f} s")
    return url


def article_path(server: Server) -> str:
    """The newest Arabic article's address, read from the home page's first link."""
    import re

    status, body, _headers = fetch(server.base + "/ar/")
    found = re.search(rb'href="(/ar/[^"/]+/[^"]+/)"', body)
    if status != 200 or not found:
        raise SystemExit(f"bench: no article link on {server.name}'s home page")
    return found[1].decode()


def main() -> None:
    config = Config()
    wrk_path = ensure_wrk()
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_data(config)
    sqlite_url = ensure_sqlite(config)
    collect_static(server_env(config))
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, harness.on_signal)
    servers = {
        "PostgreSQL": Server(
            "search-pg",
            8103,
            server_env(config, PAGE_CACHE_SECONDS="0", REDIS_URL="redis://127.0.0.1:6379/12"),
        ),
        "SQLite": Server(
            "search-sqlite",
            8104,
            server_env(
                config,
                PAGE_CACHE_SECONDS="0",
                DATABASE_URL=sqlite_url,
                REDIS_URL="redis://127.0.0.1:6379/13",
            ),
        ),
    }
    for server in servers.values():
        server.start(config.workers)
    for server in servers.values():
        server.wait_ready("/_bench/floor/")
    pages = {}
    for name, server in servers.items():
        pages[name] = {"article (ar)": article_path(server)}
        for label, (lang, words) in SEARCHES.items():
            pages[name][label] = f"/{lang}/search/?q={quote(words)}"
        for label, path in pages[name].items():
            status, _body, _headers = fetch(server.base + path)
            if status != 200:
                raise SystemExit(f"bench: {label} answered {status} on {name}")
    samples: dict[tuple[str, str], list] = {}
    for number in range(1, config.rounds + 1):
        for name, server in servers.items():
            for label, path in pages[name].items():
                sample = wrk(wrk_path, config, server.base + quote(path, safe="/?=%&"))
                samples.setdefault((name, label), []).append(sample)
                log(
                    f"round {number} {name} {label}: {sample[0]:,.1f} req/s, p50 {sample[1]:.1f} ms"
                )
    text = report(config, samples, pages)
    print(text)
    if config.write:
        write(text)


def report(config: Config, samples, pages) -> str:
    def median(name, label, index):
        return statistics.median(s[index] for s in samples[(name, label)])

    def ratio(a, b):
        return statistics.median(x[0] / y[0] for x, y in zip(a, b, strict=True))

    lines = [
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}; "
        f"{config.articles:,} bulk articles plus the demo; wrk -t{config.threads} "
        f"-c{config.connections} -d{config.seconds}s, {config.rounds} rounds, medians; "
        f"gunicorn {config.workers} sync workers, page cache off; code {harness.git_revision()}.",
        "",
        "Command: `make bench-search`"
        + (f" (BENCH_ARTICLES={config.articles})" if config.articles != 50_000 else ""),
        "",
        "| page | database | req/s | p50 ms | p99 ms | to the article page |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label in pages["PostgreSQL"]:
        for name in ("PostgreSQL", "SQLite"):
            share = ratio(samples[(name, label)], samples[(name, "article (ar)")])
            lines.append(
                f"| {label} | {name} | {median(name, label, 0):,.1f} | "
                f"{median(name, label, 1):.1f} | {median(name, label, 2):.1f} | {share:.2f} |"
            )
    lines += ["", "Targets:"]
    for label in SEARCHES:
        pg = ratio(samples[("PostgreSQL", label)], samples[("PostgreSQL", "article (ar)")])
        lite = ratio(samples[("SQLite", label)], samples[("PostgreSQL", label)])
        lines.append(
            f"- {label}: PostgreSQL {pg:.2f} of its article page (≥ {SEARCH_MIN}: "
            f"{harness.verdict(pg >= SEARCH_MIN)}); SQLite {lite:.2f}× PostgreSQL's req/s "
            f"(≥ {1 / SQLITE_MAX_SLOWDOWN:.2f}: {harness.verdict(lite >= 1 / SQLITE_MAX_SLOWDOWN)})"
        )
    return "\n".join(lines)


def write(text: str) -> None:
    path = ROOT / "docs" / "performance.md"
    content = path.read_text()
    if START_MARK not in content:
        log(f"no {START_MARK} in {path}: table not written")
        return
    before, rest = content.split(START_MARK, 1)
    after = rest.split(END_MARK, 1)[1]
    path.write_text(f"{before}{START_MARK}\n{text}\n{END_MARK}{after}")
    log(f"table written into {path.relative_to(ROOT)}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
