"""The backup drill (docs/operations.md): back up, wipe, restore, and the site serves the same.

Each drill runs the real commands in processes of their own, as an operator would, against
a database and media folders of its own (never pytest's test database): `migrate`, a small
world written through the services (tests/backup_drill_world.py: an article with a cover
and its renditions, a picture in its body, three revisions, page views, a banner with an
image, a magazine PDF, reader searches), then `backup`; `restore` refused over that data and
refused for a damaged archive; forced over it; the database dropped (PostgreSQL) or its file deleted
(SQLite) and the media folders deleted; `restore`; and what the site serves is compared with
what it served before: article pages and titles, the cover, every rendition and the body
picture's, the banner's images and the PDF byte for byte, search in both editions,
revisions, views, reader searches, and every media file's checksum.

On PostgreSQL the drill runs when the suite does (DATABASE_URL=postgres://…), in a database
named after the suite's, created and dropped here; on SQLite always.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.parse
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120


def postgres_server() -> dict | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return dj_database_url.parse(url)


class Drill:
    """A site of its own: database, media folders, backups folder, and its commands."""

    def __init__(self, tmp: Path, database_url: str, wipe_database):
        self.tmp = tmp
        self.backups = tmp / "backups"
        self.media = tmp / "media"
        self.private = tmp / "private"
        self.wipe_database = wipe_database
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTEST_VERSION", "REDIS_URL", "PYTEST_ADDOPTS"}
        } | {
            # Production settings, as an operator's cron job has them.
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "SERVE_MEDIA": "1",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "PRIVATE_MEDIA_ROOT": str(self.private),
        }

    def run(self, *argv: str, ok: bool = True) -> subprocess.CompletedProcess:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, *argv],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        print(f"{time.monotonic() - started:5.1f} s  {' '.join(argv[:2])}")
        if ok:
            assert done.returncode == 0, (argv, done.stdout, done.stderr)
        return done

    def manage(self, *argv: str, ok: bool = True) -> subprocess.CompletedProcess:
        return self.run("manage.py", *argv, ok=ok)

    def snapshot(self, *before: str) -> dict:
        return json.loads(self.run("-m", "tests.backup_drill_world", *before, "snapshot").stdout)

    def wipe(self) -> None:
        self.wipe_database()
        shutil.rmtree(self.media)
        shutil.rmtree(self.private)


@pytest.fixture
def sqlite_drill(tmp_path):
    path = tmp_path / "site" / "db.sqlite3"
    path.parent.mkdir()

    def wipe():
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    try:
        yield Drill(tmp_path, f"sqlite:///{path}", wipe)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture
def postgres_drill(tmp_path):
    server = postgres_server()
    if server is None:
        pytest.skip("PostgreSQL drill: runs when DATABASE_URL=postgres://… (CI's PostgreSQL run)")
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore not installed (postgresql-client)")
    import psycopg

    name = f"{server['NAME']}_drill_{os.getpid()}"
    admin = {
        "host": server["HOST"] or None,
        "port": server["PORT"] or None,
        "user": server["USER"],
        "password": server["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }

    def sql(statement: str) -> None:
        with psycopg.connect(**admin) as connection:
            connection.execute(statement)

    def drop():
        sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def wipe():
        drop()
        sql(f'CREATE DATABASE "{name}"')

    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    try:
        wipe()
        yield Drill(tmp_path, url, wipe)
    finally:
        drop()
        shutil.rmtree(tmp_path, ignore_errors=True)


def damaged_copy(archive: Path, target: Path) -> Path:
    """The archive with one byte of the body picture changed (as a bad disk would)."""
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("media/inline/2025/"))
    data[member.offset_data + member.size // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def drill(site: Drill, database_file: Path | None = None) -> None:
    site.manage("migrate", "-v0")
    before = site.snapshot("seed")

    # What the snapshot sees, so that two empty snapshots cannot pass for a restore.
    assert before["pages"]["1/ar"] == [200, "الشراكة الأمنية بين المغرب وفرنسا"]
    assert before["pages"]["1/fr"] == [200, "Le partenariat sécuritaire Maroc-France"]
    assert before["pages"]["4/ar"][0] == 404  # the draft
    assert any("الشراكة" in title for title in before["pages"]["search/ar"][1])
    assert any("partenariat" in title for title in before["pages"]["search/fr"][1])
    served = before["media"]
    assert {status for status, _sha in served.values()} == {200}
    assert any("/media/covers/r/" in url and url.endswith(".avif") for url in served)
    assert any(url.startswith("/media/covers/") and "/r/" not in url for url in served)
    assert any(url.startswith("/media/inline/r/") for url in served)
    assert any(url.startswith("/media/banners/r/") for url in served)
    assert any(url.endswith("/download/") for url in served)  # the magazine PDF
    assert before["revisions"]["1"] == 3
    assert before["views"] == {"1": 24, "2": 3}
    assert before["banner_stats"] == [[120, 4]]
    assert len(before["reader_searches"]) == 2

    # Rotation: older backups beyond --keep go, other files of the folder stay.
    site.backups.mkdir()
    for old in ("20240101T000000Z", "20250101T000000Z"):
        (site.backups / f"newsroom-backup-{old}.tar").write_bytes(b"old")
    (site.backups / "notes.txt").write_text("kept")
    done = site.manage("backup", "--output", str(site.backups), "--keep", "2")
    assert "Backup written" in done.stdout
    names = sorted(p.name for p in site.backups.iterdir())
    assert len(names) == 3, names
    assert names[0] == "newsroom-backup-20250101T000000Z.tar"
    assert names[2] == "notes.txt"
    archive = site.backups / names[1]
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["counts"]["articles"] == 4
    assert manifest["counts"]["views"] == 27
    assert manifest["migrations"]["articles"]
    assert len(manifest["files"]) == len(before["files"]) + 1  # the media and the database

    # Over a database that holds a site, restore refuses (and says why), unless forced.
    refused = site.manage("restore", "--input", str(archive), ok=False)
    assert refused.returncode == 1
    assert "Not restoring over existing data" in refused.stderr
    assert "--force" in refused.stderr

    # A damaged archive is refused before anything is touched, even when forced.
    database_before = database_file.read_bytes() if database_file else None
    broken = damaged_copy(archive, site.tmp / "damaged.tar")
    refused = site.manage("restore", "--input", str(broken), "--force", ok=False)
    assert refused.returncode == 1
    assert "checksum mismatch" in refused.stderr
    if database_file:
        assert database_file.read_bytes() == database_before

    # Forced, over the site itself (its schema, triggers and indexes in place): replaced.
    (site.media / "stray.txt").write_text("not in the backup")
    done = site.manage("restore", "--input", str(archive), "--force")
    assert "4 articles, 3 revisions, 27 views" in done.stdout

    site.wipe()
    assert not site.media.exists()
    done = site.manage("restore", "--input", str(archive))
    assert "every checksum verified" in done.stdout
    assert "4 articles, 3 revisions, 27 views" in done.stdout

    after = site.snapshot()
    assert after == before


def test_backup_wipe_restore_on_sqlite(sqlite_drill):
    drill(sqlite_drill, database_file=sqlite_drill.tmp / "site" / "db.sqlite3")


def test_backup_wipe_restore_on_postgresql(postgres_drill):
    drill(postgres_drill)
