"""The settings module is imported in a fresh interpreter for each environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL"}
    }
    clean.update(env)
    code = "import newsroom.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = load_settings()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_debug_on_gets_a_development_key():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django.db.backends.sqlite3 Africa/Casablanca")


def test_production_defaults_with_a_key():
    result = load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_database_and_cache_from_environment():
    result = load_settings(
        SECRET_KEY="k",
        DATABASE_URL="postgres://u@127.0.0.1:5432/db",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    assert "core.postgresql" in result.stdout  # Django's backend, waits bounded (docs/faults.md)
    assert "RedisCache" in result.stdout


def test_bad_boolean_is_refused_loudly():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def load_editions(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"NEWSROOM_EDITIONS"}}
    clean.update({"SECRET_KEY": "x", **env})
    code = (
        "import newsroom.settings as s; "
        "print(s.LANGUAGE_CODE, ','.join(c for c, _n in s.LANGUAGES), "
        "','.join(s.MODELTRANSLATION_LANGUAGES))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_editions_default_to_arabic_and_french():
    result = load_editions()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ar", "ar,fr", "ar,fr"]


def test_editions_come_from_the_environment_first_is_the_main_one():
    result = load_editions(NEWSROOM_EDITIONS=" fr , ar ")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["fr", "fr,ar", "ar,fr"]
    result = load_editions(NEWSROOM_EDITIONS="ar")
    assert result.stdout.split() == ["ar", "ar", "ar,fr"]


def test_an_edition_the_database_cannot_store_refuses_to_start():
    for value in ("ar,fr,en", "ar,ar", ","):
        result = load_editions(NEWSROOM_EDITIONS=value)
        assert result.returncode != 0, value
        assert "ImproperlyConfigured" in result.stderr
        assert "NEWSROOM_EDITIONS" in result.stderr
