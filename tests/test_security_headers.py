"""Security headers on every answer, the refused weak keys and `check --deploy` with the
documented production variables (docs/security.md)."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from articles import preview
from articles.models import Article
from tests.factories import ArticleFactory
from tests.personas import make_editor
from tests.world import reference_world

ROOT = Path(__file__).resolve().parent.parent


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def assert_locked_down(response, frame_ancestors="'none'"):
    policy = directives(response)
    assert policy["script-src"] == "'self'"  # no unsafe-inline, no unsafe-eval, no host
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == frame_ancestors
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "browsing-topics"):
        assert f"{feature}=()" in permissions
    assert response["X-Content-Type-Options"] == "nosniff"
    return policy


@pytest.mark.django_db
def test_public_pages_forbid_inline_script_and_style_and_framing(client):
    world = reference_world()
    for url in (
        "/ar/",
        "/fr/",
        world.article.get_absolute_url_in("ar"),
        world.article.get_absolute_url_in("fr"),
        "/ar/search/?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8",
        "/robots.txt",
        "/ar/no-such-page/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = assert_locked_down(response)
        assert policy["style-src"] == "'self'", url
        assert response["X-Frame-Options"] == "DENY", url


@pytest.mark.django_db
def test_a_cached_page_keeps_its_headers(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    reference_world()
    first = client.get("/ar/")
    second = client.get("/ar/")
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        assert_locked_down(response)
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_admin_allows_inline_styles_never_inline_scripts(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = assert_locked_down(response)
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-src"] == "'self'"  # the preview page frames the article
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_only_the_staff_preview_may_be_framed_by_our_own_admin(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    response = client.get(preview.preview_url(draft))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert_locked_down(response, frame_ancestors="'self'")
    # The admin page that frames it is itself never framed.
    client.force_login(make_editor())
    page = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert page.status_code == 200
    assert page["X-Frame-Options"] == "DENY"
    assert directives(page)["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_language_cookie_is_httponly_and_samesite(client, settings):
    client.force_login(make_editor())
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/admin/"})
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    assert cookie is not None
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_language_and_session_cookies_are_secure_over_https():
    out = settings_in_subprocess(
        {"SECRET_KEY": strong_key(), "SECURE_SSL_REDIRECT": "1"},
        "print(s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True"]


# ---- the secret key -------------------------------------------------------------------


def strong_key() -> str:
    return secrets.token_urlsafe(64)


def clean_env(env: dict) -> dict:
    """The environment of a production start: none of the variables a test run sets."""
    kept = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "SECURE_", "HSTS"))
        and k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "ALLOW_WEAK_SECRET_KEY",
            "DATABASE_URL",
            "REDIS_URL",
            # Set by the browser tests' live server (Playwright's sync API in Django).
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return kept | env


def settings_in_subprocess(env: dict, code: str = "print('started')"):
    return subprocess.run(
        [sys.executable, "-c", f"import newsroom.settings as s; {code}"],
        cwd=ROOT,
        env=clean_env(env),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-a-long-random-string",  # .env.example's placeholder
        "x",
        "tests-only-not-secret",
        "a" * 80,  # long but 1 distinct character
        "abcd" * 20,  # 4 distinct characters
        "django-insecure-" + secrets.token_urlsafe(64),
    ],
)
def test_a_weak_secret_key_is_refused_at_start_up(key):
    result = settings_in_subprocess({"SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is too weak" in result.stderr


def test_a_strong_key_starts_and_weak_keys_pass_in_development_and_test_runs():
    assert settings_in_subprocess({"SECRET_KEY": strong_key()}).returncode == 0
    assert settings_in_subprocess({"SECRET_KEY": "x", "DEBUG": "1"}).returncode == 0
    allowed = settings_in_subprocess({"SECRET_KEY": "x", "ALLOW_WEAK_SECRET_KEY": "1"})
    assert allowed.returncode == 0, allowed.stderr


def documented_variables() -> dict:
    """The variables of .env.example, as an operator copies them."""
    env = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name.strip()] = value.strip()
    return env


def run_check_deploy(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=clean_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    env = documented_variables()
    assert env["SECRET_KEY"] == "change-me-to-a-long-random-string"
    refused = run_check_deploy(env | {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})
    assert refused.returncode != 0
    assert "SECRET_KEY is too weak" in refused.stderr
    env |= {
        "SECRET_KEY": strong_key(),
        # Outside the test machine's folders: an operator's paths need not exist to check.
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = run_check_deploy(env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_without_https_variables_only_the_https_warnings_remain(tmp_path):
    env = {
        "SECRET_KEY": strong_key(),
        "ALLOWED_HOSTS": "www.example.ma",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = run_check_deploy(env)
    found = set(re.findall(r"security\.W0\d\d", result.stdout + result.stderr))
    # HSTS, SSL redirect and the secure cookies: nothing else (no W009 key, no W019 framing).
    assert found == {"security.W004", "security.W008", "security.W012", "security.W016"}


# ---- gunicorn -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_does_not_tell_its_version(tmp_path):
    port = free_port()
    env = clean_env(
        {
            "SECRET_KEY": strong_key(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        }
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi", "-w", "1"]
        + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as r:
                    headers = r.headers
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print((tmp_path / "gunicorn.log").read_text())
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert headers["Server"] == "gunicorn"  # no version number
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_editor_import_map_is_allowed_by_its_hash_and_nothing_else(client):
    """django-prose-editor's <script type="importmap"> is inline: the admin's policy names
    its hash (computed from the page itself), never 'unsafe-inline'."""
    import base64
    import hashlib

    client.force_login(make_editor())
    article = ArticleFactory()
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    maps = re.findall(rb'<script type="importmap"[^>]*>(.*?)</script>', response.content, re.S)
    assert maps
    script_src = directives(response)["script-src"].split()
    assert script_src[0] == "'self'"
    assert "'unsafe-inline'" not in script_src
    for text in maps:
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    # The public pages have no import map and no hash.
    assert "sha256" not in client.get("/ar/")["Content-Security-Policy"]
