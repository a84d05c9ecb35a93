"""Slow clients cannot freeze the application servers (docs/faults.md).

gunicorn runs with the repository's gunicorn.conf.py, as in production; six connections
misbehave (three send their headers one byte at a time, three announce a body and never send
it), and a normal reader must still be answered within a couple of seconds. The same six
connections do stop a server of sync workers, which is what the configuration replaced: the
second test shows the first could fail.
"""

import http.client
import socket
import threading
import time
from contextlib import contextmanager, suppress

import pytest

from tests.servers import collected_static, gunicorn_server, manage, site_env

SLOW = 6


def trickle_headers(port: int, stop: threading.Event) -> None:
    """A request whose header lines arrive one byte every half second."""
    request = b"GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\nX-A: " + b"a" * 200
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        for byte in request:
            if stop.wait(0.5):
                return
            with suppress(OSError):
                sock.send(bytes([byte]))


def unfinished_body(port: int, stop: threading.Event) -> None:
    """A POST that announces 100 kB and sends ten bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            b"POST /searchlog/seen/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 100000\r\n\r\nq=abcdefgh"
        )
        stop.wait(60)


@contextmanager
def slow_connections(port: int):
    stop = threading.Event()
    threads = [
        threading.Thread(target=trickle_headers if n % 2 else unfinished_body, args=(port, stop))
        for n in range(SLOW)
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    time.sleep(1.5)  # every connection accepted and sending
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)


def normal_request(port: int, timeout: float) -> tuple[int, float]:
    """A reader's request (the French home page), timed."""
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/fr/")
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.monotonic() - start


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    database = tmp_path_factory.mktemp("slow") / "db.sqlite3"
    env = site_env(
        DATABASE_URL=f"sqlite:///{database}", WEB_CONCURRENCY="2", STATIC_ROOT=collected_static()
    )
    manage("migrate", "--no-input", "-v0", env=env)
    return env


def test_six_slow_connections_do_not_stop_other_readers(env):
    with gunicorn_server(env) as site:
        assert normal_request(site.port, 10)[0] == 200
        with slow_connections(site.port):
            for _ in range(3):
                status, seconds = normal_request(site.port, 10)
                assert status == 200
                assert seconds < 2, seconds
        assert "Using worker: gthread" in site.output()


def test_the_same_slow_connections_stop_a_server_of_sync_workers(env):
    """What the configuration replaced (and what the benchmarks still ask for explicitly)."""
    with gunicorn_server(env, "--worker-class", "sync", "--workers", "2") as site:
        assert normal_request(site.port, 10)[0] == 200
        with slow_connections(site.port), pytest.raises(TimeoutError):
            normal_request(site.port, 2)
        assert "Using worker: sync" in site.output()
