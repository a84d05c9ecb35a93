"""Past one machine (docs/deployment.md): two application servers behind nothing but their
own ports, sharing one PostgreSQL database, one Redis and one S3-compatible object store.

Every piece is a real process started here on the loopback interface and ended by its pid:
moto's S3 server (`moto_server`, not an in-process mock), a private Redis, and two gunicorn
servers run with the repository's gunicorn.conf.py, DEBUG off, uploads on S3
(MEDIA_STORAGE=s3). The database is a PostgreSQL database of its own on the server of
DATABASE_URL, created, migrated (manage.py in a subprocess) and dropped here.

What it shows, through HTTP as a browser sends it:
* server B also has a read replica configured (DATABASE_REPLICA_URLS, here the same
  database), so its reader pages go through core/db_router.py;
* an editor who logs in on server A is logged in on server B (sessions in the database);
* an article written with a cover and published through A's admin is on B's home page at
  once, though B had that page in its cache (one cache, invalidated by generation);
* the cover uploaded through A is stored in the bucket, nowhere on either server's disk,
  and B serves every rendition its pages show, byte for byte what the bucket holds.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pytest

from tests.pictures import jpeg
from tests.s3_server import CREDENTIALS, moto_s3, s3_client
from tests.servers import (
    gunicorn_server,
    manage,
    needs_redis,
    private_redis,
    site_env,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        not DATABASE_URL.startswith(("postgres://", "postgresql://")),
        reason="the cluster test needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
    needs_redis,
]

boto3 = pytest.importorskip("boto3", reason="boto3 is a dependency of MEDIA_STORAGE=s3")
requests = pytest.importorskip("requests", reason="requests comes with moto[server]")

BUCKET = "newsroom-cluster"
PASSWORD = "Cluster-test-Passw0rd-" + uuid.uuid4().hex
TITLE = "مجلس المدينة يصادق على ميزانية النقل"
TIMEOUT = 30  # seconds, every HTTP request


# --- the shared services ---------------------------------------------------------------------


@contextlib.contextmanager
def own_database() -> Iterator[str]:
    """A database of this test on DATABASE_URL's server; yields its URL. Dropped after."""
    import psycopg

    base = DATABASE_URL.rsplit("/", 1)[0]
    name = f"test_cluster_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=10) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SETUP = """
from django.contrib.auth.models import Group, User
from articles import roles
from articles.models import Section
from authors.models import Author
user = User.objects.create_user("cluster-editor", password={password!r}, is_staff=True)
user.groups.add(Group.objects.get(name=roles.EDITOR))
Author.objects.create(user=user, name_ar="محرر", name_fr="Rédacteur")
section = Section.objects.create(name_ar="مدن", name_fr="Villes", position=1)
print(section.pk)
"""

# The editor's authenticator, when the site asks for one (django-otp). Prints its secret.
DEVICE = """
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
user = User.objects.get(username="cluster-editor")
device = TOTPDevice.objects.create(user=user, name="cluster", confirmed=True)
print(device.key)
"""

# Logged in through the session engine (when the admin's login asks for more than a password:
# a second factor). Prints the session key.
FORCED_LOGIN = """
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
user = User.objects.get(username="cluster-editor")
client = Client()
client.force_login(user)
session = client.session
try:
    from django_otp.plugins.otp_totp.models import TOTPDevice
except ImportError:
    pass
else:
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="cluster", defaults={{"confirmed": True}})
    session["otp_device_id"] = device.persistent_id
    session.save()
print(client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


# --- a browser, roughly ------------------------------------------------------------------------


def form_fields(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """What a browser posts for the page's form (`form_id`, else the first form with a
    csrf token) as rendered: inputs, checked boxes, selected options, textareas."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    forms = [
        f
        for f in tree.iter("form")
        if (form_id and f.get("id") == form_id)
        or (not form_id and f.find(".//input[@name='csrfmiddlewaretoken']") is not None)
    ]
    assert forms, "no form on the page"
    data: dict[str, list[str]] = {}
    for element in forms[0].iter():
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                continue
            if kind in {"checkbox", "radio"} and element.get("checked") is None:
                continue
            data.setdefault(name, []).append(
                element.get("value", "on" if kind in {"checkbox", "radio"} else "")
            )
        elif element.tag == "textarea":
            data.setdefault(name, []).append("".join(element.itertext()))
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and options and element.get("multiple") is None:
                chosen = options[:1]
            for option in chosen:
                value = option.get("value")
                data.setdefault(name, []).append(
                    value if value is not None else "".join(option.itertext())
                )
    return data


def pictures_on(html: str, base: str) -> set[str]:
    """Every URL of a picture the page shows (img src and srcset, source srcset)."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    urls = set()
    for element in tree.iter():
        if element.tag not in {"img", "source"}:
            continue
        if element.get("src"):
            urls.add(urljoin(base, element.get("src")))
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                urls.add(urljoin(base, candidate.strip().split()[0]))
    return urls


def log_in(browser, site: str, env: dict[str, str]) -> None:
    """The admin's login form as a browser posts it; a session made by the session engine
    when the form asks for a second factor this test cannot type."""
    login = browser.get(f"{site}/admin/login/?next=/admin/", timeout=TIMEOUT)
    assert login.status_code == 200, login.status_code
    data = form_fields(login.text, "login-form")
    data.update(username=["cluster-editor"], password=[PASSWORD])
    answer = browser.post(
        f"{site}/admin/login/?next=/admin/", data=data, timeout=TIMEOUT, allow_redirects=False
    )
    assert answer.status_code == 302, _errors(answer.text)
    if in_admin(browser, site):
        return
    # Editors give a one-time code after the password (docs/accounts.md): the test's
    # authenticator is a device made for it, its code computed as an app computes it.
    secret = manage("shell", "-c", DEVICE, env=env, timeout=120).strip().splitlines()[-1]
    page = browser.get(f"{site}/admin/", timeout=TIMEOUT)
    if page.status_code == 200 and 'name="code"' in page.text:
        data = form_fields(page.text)
        data["code"] = [totp(secret)]
        browser.post(page.url, data=data, timeout=TIMEOUT, allow_redirects=False)
        if in_admin(browser, site):
            return
    key = manage("shell", "-c", FORCED_LOGIN, env=env, timeout=120).strip().splitlines()[-1]
    browser.cookies.set("sessionid", key)


def in_admin(browser, site: str) -> bool:
    answer = browser.get(f"{site}/admin/", timeout=TIMEOUT, allow_redirects=False)
    return answer.status_code == 200


def totp(hex_key: str, step: int = 30, digits: int = 6) -> str:
    """RFC 6238, as an authenticator app computes it (SHA-1, 30 s, 6 digits)."""
    counter = int(time.time()) // step
    digest = hmac.new(bytes.fromhex(hex_key), counter.to_bytes(8, "big"), "sha1").digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def post_admin_form(browser, url: str, extra: dict, files: dict | None = None):
    page = browser.get(url, timeout=TIMEOUT)
    assert page.status_code == 200, (url, page.status_code)
    data = form_fields(page.text, "article_form")
    for key, value in extra.items():
        data[key] = [value]
    answer = browser.post(url, data=data, files=files, timeout=TIMEOUT, allow_redirects=False)
    assert answer.status_code == 302, (url, answer.status_code, _errors(answer.text))
    return answer


def _errors(html: str) -> str:
    return " | ".join(re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))[:2000]


# --- the test --------------------------------------------------------------------------------


def test_two_application_servers_share_database_cache_and_object_storage():
    with contextlib.ExitStack() as stack:
        endpoint = stack.enter_context(moto_s3())
        s3 = s3_client(endpoint)
        s3.create_bucket(Bucket=BUCKET)
        redis = stack.enter_context(private_redis())
        database = stack.enter_context(own_database())
        disks = [Path(tempfile.mkdtemp(prefix="newsroom-cluster-")) for _ in range(2)]
        stack.callback(lambda: [shutil.rmtree(d, ignore_errors=True) for d in disks])

        shared = {
            "DATABASE_URL": database,
            "REDIS_URL": redis.url,
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "PAGE_CACHE_SECONDS": "300",
            "SERVE_MEDIA": "0",
            **CREDENTIALS,
        }
        # Each server has a disk of its own, which must stay empty: uploads go to the bucket.
        env_a, env_b = (
            site_env(
                **shared,
                MEDIA_ROOT=str(disk / "media"),
                PRIVATE_MEDIA_ROOT=str(disk / "private"),
                STATIC_ROOT=str(disk / "static"),
            )
            for disk in disks
        )
        # B reads reader pages through the replica router (its "replica" is the same
        # database: this shows the router at work in production mode, not replication lag).
        env_b["DATABASE_REPLICA_URLS"] = database
        manage("migrate", "--noinput", env=env_a, timeout=600)
        manage("collectstatic", "--noinput", env=env_a, timeout=300)
        shutil.copytree(disks[0] / "static", disks[1] / "static")
        section = manage("shell", "-c", SETUP.format(password=PASSWORD), env=env_a, timeout=120)
        section = section.strip().splitlines()[-1]

        a = stack.enter_context(gunicorn_server(env_a))
        b = stack.enter_context(gunicorn_server(env_b))

        # B's home page is in the shared page cache before anything is published.
        reader = requests.Session()
        before = reader.get(f"{b.url}/ar/", timeout=TIMEOUT)
        assert before.status_code == 200, b.output()[-3000:]
        assert TITLE not in before.text
        assert reader.get(f"{b.url}/ar/", timeout=TIMEOUT).text == before.text

        # A session made on A is valid on B.
        on_a = requests.Session()
        log_in(on_a, a.url, env_a)
        on_b = requests.Session()
        on_b.cookies.set("sessionid", on_a.cookies["sessionid"])
        assert (
            on_b.get(f"{b.url}/admin/", timeout=TIMEOUT, allow_redirects=False).status_code == 200
        )
        anonymous = requests.get(f"{b.url}/admin/", timeout=TIMEOUT, allow_redirects=False)
        assert anonymous.status_code == 302

        # Written with a cover and published through A's admin.
        add = f"{a.url}/admin/articles/article/add/"
        answer = post_admin_form(
            on_a,
            add,
            {
                "title_ar": TITLE,
                "lead_ar": "صادق المجلس على ميزانية النقل الحضري",
                "body_ar": "<p>نص الخبر</p>",
                "section": section,
                "cover_alt_ar": "حافلة في الشارع",
                "cover_credit": "Newsroom",
            },
            files={
                "cover": ("photo.jpg", jpeg((200, 40, 40), size=(1200, 675)).read(), "image/jpeg")
            },
        )
        change = urljoin(a.url, answer.headers["Location"])
        match = re.search(r"/article/(\d+)/change/", change)
        if match is None:  # the admin went back to the list: the newest article is ours
            listing = on_a.get(f"{a.url}/admin/articles/article/", timeout=TIMEOUT).text
            match = re.search(r"/admin/articles/article/(\d+)/change/", listing)
        change = f"{a.url}/admin/articles/article/{match.group(1)}/change/"
        post_admin_form(on_a, change, {"_transition": "publish"})

        # B shows it at once, though its home page was cached.
        home = reader.get(f"{b.url}/ar/", timeout=TIMEOUT)
        assert home.status_code == 200
        assert TITLE in home.text, "B serves a stale home page"
        link = re.search(r'href="(/ar/[^"]+)"[^>]*>\s*' + re.escape(TITLE), home.text)
        page_url = urljoin(b.url, link.group(1)) if link else None
        if page_url is None:
            tree = html5lib.parse(home.text, namespaceHTMLElements=False)
            for anchor in tree.iter("a"):
                if TITLE in "".join(anchor.itertext()):
                    page_url = urljoin(b.url, anchor.get("href"))
                    break
        assert page_url, "no link to the article on B's home page"
        page = reader.get(page_url, timeout=TIMEOUT)
        assert page.status_code == 200

        # The cover and its renditions are in the bucket, and only there.
        stored = {
            item["Key"]
            for item in s3.list_objects_v2(Bucket=BUCKET, Prefix="media/").get("Contents", [])
        }
        assert any(key.startswith("media/covers/r/") for key in stored), stored
        for disk in disks:
            assert not any((disk / "media").rglob("*.*")), "an upload was written to local disk"

        # B serves every picture of the article page (a reader, no session), byte for byte
        # what the bucket holds.
        pictures = {url for url in pictures_on(page.text, b.url) if "/media/covers/" in url}
        assert pictures, "no cover on the article page"
        for url in sorted(pictures):
            assert url.startswith(f"{b.url}/media/covers/r/"), url
            answer = reader.get(url, timeout=TIMEOUT)
            assert answer.status_code == 200, (url, answer.status_code)
            key = "media/" + url[len(f"{b.url}/media/") :]
            assert key in stored, key
            body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
            assert answer.content == body, url
            assert answer.headers["Content-Type"].startswith("image/")
        # A draft's cover stays private on B: unpublish, and the renditions answer 404.
        post_admin_form(on_a, change, {"_transition": "unpublish"})
        some = sorted(pictures)[0]
        assert reader.get(some, timeout=TIMEOUT).status_code == 404
        assert on_b.get(some, timeout=TIMEOUT).status_code == 200  # staff still see it
        for server in (a, b):
            assert "Traceback" not in server.output(), server.output()[-3000:]
