"""The benchmark's floor (`make bench`, docs/benchmarks.md): a minimal view answering
BENCH_FLOOR_BYTES bytes through the whole middleware stack, mounted at /_bench/floor/ only
when NEWSROOM_BENCH=1. Each case imports the project in a fresh interpreter with the
environment gunicorn would get, since the URL exists or not from the start."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

try:
    resolve("/_bench/floor/")
    mounted = True
except Resolver404:
    mounted = False
result = {"setting": settings.NEWSROOM_BENCH, "mounted": mounted}
if mounted:
    result["configured_x_frame_options"] = settings.X_FRAME_OPTIONS
    response = Client().get("/_bench/floor/", HTTP_HOST="127.0.0.1")
    result.update(
        status=response.status_code,
        length=len(response.content),
        content_length=response.headers.get("Content-Length"),
        content_type=response.headers.get("Content-Type"),
        x_frame_options=response.headers.get("X-Frame-Options"),
        nosniff=response.headers.get("X-Content-Type-Options"),
    )
print(json.dumps(result))
"""


def probe(tmp_path, **env) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEWSROOM_BENCH", "BENCH_", "DATABASE_URL", "REDIS_URL"))
    }
    clean.update(
        SECRET_KEY="tests-only",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_floor_does_not_exist_by_default(tmp_path):
    assert probe(tmp_path) == {"setting": False, "mounted": False}


def test_the_floor_does_not_exist_when_the_switch_is_off(tmp_path):
    assert probe(tmp_path, NEWSROOM_BENCH="0") == {"setting": False, "mounted": False}


def test_the_floor_answers_the_bytes_asked_through_the_middleware(tmp_path):
    result = probe(tmp_path, NEWSROOM_BENCH="1", BENCH_FLOOR_BYTES="12345")
    assert result["setting"] is True
    assert result["mounted"] is True
    assert result["status"] == 200
    assert result["length"] == 12345
    assert result["content_length"] == "12345"
    assert result["content_type"] == "text/html; charset=utf-8"
    # Headers set by the security and clickjacking middleware: the stack ran.
    assert result["x_frame_options"] == result["configured_x_frame_options"]
    assert result["nosniff"] == "nosniff"


def test_the_floor_defaults_to_60000_bytes(tmp_path):
    result = probe(tmp_path, NEWSROOM_BENCH="1")
    assert result["status"] == 200
    assert result["length"] == 60000
