"""Server errors reach the operator (mail to ADMINS, Sentry when SENTRY_DSN is set), and the
500 page claims only what is true (docs/faults.md).

Mail: Django's locmem backend in-process, and a real SMTP server (aiosmtpd, when installed)
on a loopback port for a production-like process. Sentry: a settings module loaded in a
fresh process with SENTRY_DSN pointing at a loopback HTTP server that records what the SDK
sends.
"""

import json
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.servers import ROOT, site_env

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


def test_a_server_error_mails_the_admins(settings, browser):
    settings.ADMINS = [("Desk", "desk@example.org")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = browser.get("/boom/")
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["desk@example.org"]
    assert "/boom/" in message.subject
    assert "RuntimeError" in message.body
    assert "boom: a bug in a view" in message.body


def test_the_500_page_says_the_newsroom_was_told_only_when_it_was(settings, browser):
    with translation.override("fr"):
        told_text = translation.gettext(
            "The newsroom has been told. Please try again in a few minutes."
        )
        untold_text = translation.gettext("Please try again in a few minutes.")
    assert told_text.startswith("La rédaction a été prévenue")
    assert untold_text == "Réessayez dans quelques minutes."

    def page():
        response = browser.get("/boom/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 500
        return response.content.decode()

    settings.SENTRY_DSN = ""
    settings.ADMINS = [("Desk", "desk@example.org")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert told_text in page()

    settings.ADMINS = []  # nobody to tell
    assert told_text not in page()
    assert untold_text in page()

    settings.ADMINS = [("Desk", "desk@example.org")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # only printed
    assert told_text not in page()
    assert untold_text in page()

    settings.SENTRY_DSN = "http://key@127.0.0.1:9/1"
    assert told_text in page()


def test_admins_and_mail_settings_come_from_the_environment():
    code = (
        "import newsroom.settings as s; "
        "print(repr(s.ADMINS)); print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_TIMEOUT)"
    )
    env = site_env(
        ADMINS="Desk Chief <chief@example.org>, ops@example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    admins, backend = result.stdout.splitlines()
    assert admins == "[('Desk Chief', 'chief@example.org'), ('ops@example.org', 'ops@example.org')]"
    assert backend == "django.core.mail.backends.smtp.EmailBackend smtp.example.org 587 5"


class _FakeSentry(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        _FakeSentry.received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


SENTRY_SCRIPT = """
import django, sentry_sdk
django.setup()
from django.test import Client
from django.utils import translation
from django.test.utils import override_settings
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(
    ROOT_URLCONF="tests.error_urls", ALLOWED_HOSTS=["testserver"], STORAGES=storages
):
    status = Client(raise_request_exception=False).get(
        "/boom/?q=1", HTTP_COOKIE="reader_pref=secret-cookie", REMOTE_ADDR="203.0.113.9"
    ).status_code
sentry_sdk.flush(10)
print(status)
"""


def test_a_server_error_reaches_sentry_without_personal_data():
    _FakeSentry.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeSentry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        env = site_env(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            SENTRY_DSN=f"http://public@127.0.0.1:{port}/42",
            SENTRY_RELEASE="newsroom@1.2.3",
            SENTRY_ENVIRONMENT="staging",
        )
        result = subprocess.run(
            [sys.executable, "-c", SENTRY_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "500"
    events = []
    for envelope in _FakeSentry.received:
        for line in envelope.splitlines():
            if line.startswith(b"{") and b'"exception"' in line:
                events.append(json.loads(line))
    assert len(events) == 1, _FakeSentry.received
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["release"] == "newsroom@1.2.3"
    assert event["environment"] == "staging"
    sent = json.dumps(event)
    assert "secret-cookie" not in sent  # no cookies
    assert "203.0.113.9" not in sent  # no reader's address


def test_a_server_error_is_mailed_through_a_real_smtp_server(tmp_path):
    """A production-like process (DEBUG off, EMAIL_HOST set) mails ADMINS through SMTP."""
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from tests.servers import free_port

    messages: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            messages.append(envelope.content)
            return "250 OK"

    port = free_port()
    controller = aiosmtpd.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = site_env(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            ADMINS="Desk <desk@example.org>",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
        )
        script = SENTRY_SCRIPT.replace("sentry_sdk.flush(10)", "")
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
    finally:
        controller.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(messages) == 1
    assert b"desk@example.org" in messages[0]
    assert b"RuntimeError" in messages[0]


def test_a_database_outage_is_mailed_once_a_minute_not_per_request(settings, browser):
    from core import faults

    settings.ADMINS = [("Desk", "desk@example.org")]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    faults._last_report["at"] = float("-inf")
    for _ in range(5):
        assert browser.get("/fr/database-gone/").status_code == 503
    assert len(mail.outbox) == 1
    assert "Database unavailable" in mail.outbox[0].subject
    faults._last_report["at"] -= faults.REPORT_EVERY_SECONDS  # a minute later
    assert browser.get("/ar/database-gone/").status_code == 503
    assert len(mail.outbox) == 2
