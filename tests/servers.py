"""Private server processes for tests of faults and deployments: a PostgreSQL instance, a
Redis server and gunicorn, each started by the test on a free loopback port, in a temporary
directory, and always ended by the test (by process id, never by name).

PostgreSQL refuses to run as root: when the tests run as root (CI), its programs run as the
`postgres` user (`runuser`), and its directory belongs to that user.

    with private_postgres() as pg:        # pg.url: postgres://postgres@127.0.0.1:PORT/newsroom
        with gunicorn_server(env={"DATABASE_URL": pg.url, ...}) as site:
            urlopen(site.url + "/ar/")
            pg.freeze(); ...; pg.thaw()
            pg.stop(); ...; pg.start()
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"

needs_postgres = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason=f"no PostgreSQL programs in {PG_BIN}"
)
needs_redis = pytest.mark.skipif(not Path(REDIS_SERVER).exists(), reason="no redis-server")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.pid} ended with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing answers on 127.0.0.1:{port} after {seconds} s")


def end_process(process: subprocess.Popen, seconds: float = 10) -> None:
    """SIGTERM, then SIGKILL; the process group too when it has its own."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        process.wait(seconds)


# --- PostgreSQL ----------------------------------------------------------------------------


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def _children(pid: int) -> list[int]:
    """Every process whose parent is `pid` (PostgreSQL's backends and helpers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            # pid (comm) state ppid …: comm may hold spaces, so split after its ')'.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@dataclass
class PrivatePostgres:
    directory: Path
    port: int
    database: str = "newsroom"
    frozen: list[int] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def ctl(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args]),
            check=True,
            timeout=timeout,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self.ctl("start", "-w", "-t", "60", "-l", str(self.directory / "log"), "-o", options)

    def stop(self) -> None:
        """Stops at once, as a crash would (the server ends its connections)."""
        self.ctl("stop", "-m", "immediate", "-w", "-t", "30")

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def freeze(self) -> None:
        """SIGSTOP the server and all its processes: connections stay open, nothing answers."""
        pid = self.postmaster_pid()
        self.frozen = [pid, *_children(pid)]
        for each in self.frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(each, signal.SIGSTOP)

    def thaw(self) -> None:
        for each in self.frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(each, signal.SIGCONT)
        self.frozen = []

    def running(self) -> bool:
        try:
            os.kill(self.postmaster_pid(), 0)
        except (OSError, ValueError):
            return False
        return True


@contextlib.contextmanager
def private_postgres(database: str = "newsroom") -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of its own (trust authentication, loopback only), with an empty
    database `database`; stopped and removed afterwards, even when frozen."""
    directory = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(directory, user.pw_uid, user.pw_gid)
    directory.chmod(0o700)
    server = PrivatePostgres(directory=directory, port=free_port(), database=database)
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(server.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            timeout=120,
            capture_output=True,
        )
        server.start()
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(server.port),
                    "-U",
                    "postgres",
                    database,
                ]
            ),
            check=True,
            timeout=60,
            capture_output=True,
        )
        yield server
    finally:
        server.thaw()
        if server.running():
            try:
                server.stop()
            except (subprocess.SubprocessError, OSError):
                with contextlib.suppress(OSError, ValueError):
                    os.kill(server.postmaster_pid(), signal.SIGKILL)
        shutil.rmtree(directory, ignore_errors=True)


# --- Redis ---------------------------------------------------------------------------------


@dataclass
class PrivateRedis:
    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, 10, self.process)

    def stop(self) -> None:
        """Gone at once, as a crash would leave it (SIGKILL)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@contextlib.contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    directory = Path(tempfile.mkdtemp(prefix="newsroom-redis-"))
    server = PrivateRedis(port=free_port(), directory=directory)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


# --- gunicorn and manage.py ----------------------------------------------------------------


def site_env(**overrides: str) -> dict[str, str]:
    """The environment of a production-like process (DEBUG off), from this one's without
    pytest's marker (settings read PYTEST_VERSION) and what the test names."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "SECRET_KEY": "faults-" + "k" * 60,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "AXES_ENABLED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


_collected: dict[str, str] = {}


def collected_static() -> str:
    """A STATIC_ROOT with the collected static files (whitenoise's manifest: templates need
    it with DEBUG off), made once per test run (collectstatic compresses every file: about a
    minute) and removed when the run ends."""
    if "root" not in _collected:
        root = tempfile.mkdtemp(prefix="newsroom-static-")
        atexit.register(shutil.rmtree, root, True)
        manage("collectstatic", "--no-input", "-v0", env=site_env(STATIC_ROOT=root))
        _collected["root"] = root
    return _collected["root"]


@dataclass
class Gunicorn:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextlib.contextmanager
def gunicorn_server(env: dict[str, str], *args: str, seconds: float = 60) -> Iterator[Gunicorn]:
    """gunicorn with the repository's gunicorn.conf.py (run from the repository, as in
    production) and `args`, on a free loopback port; its output goes to a temporary file
    (`Gunicorn.output()`). Ended by its pid."""
    port = free_port()
    handle, name = tempfile.mkstemp(prefix="newsroom-gunicorn-", suffix=".log")
    log = Path(name)
    with os.fdopen(handle, "w") as out:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                *args,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Gunicorn(port=port, process=process, log=log)
    try:
        wait_for_port(port, seconds, process)
        yield server
    finally:
        end_process(process)
        log.unlink(missing_ok=True)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float


def fetch(url: str, timeout: float = 30, headers: dict[str, str] | None = None) -> Answer:
    """GET `url`; an HTTP error is an answer too. Timed."""
    request = urllib.request.Request(url, headers=headers or {})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, heads, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, heads, body = error.code, dict(error.headers), error.read()
    return Answer(status, heads, body.decode("utf-8", "replace"), time.monotonic() - start)
