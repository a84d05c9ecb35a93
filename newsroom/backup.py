"""Backups and restores of the database and the media (docs/operations.md).

An archive is one uncompressed tar file, `newsroom-backup-<UTC time>.tar`, holding

- `database.dump` (PostgreSQL: `pg_dump --format=custom`, already compressed) or
  `database.sqlite3` (SQLite: a copy made with SQLite's online backup API);
- `media/…`: every file under MEDIA_ROOT (uploads and their renditions);
- `private/…`: every file under PRIVATE_MEDIA_ROOT (magazine PDFs);
- `manifest.json`, last: the versions, the migrations applied, counts of what the site
  holds (articles, revisions, views…) and the SHA-256 of every other member.

The database is dumped before the media are read, so every file the dumped rows name is in
the archive (unless it was deleted in between); a file uploaded during the backup may be in
the archive without its row, which is harmless.

A restore reads the whole archive and checks every checksum before it touches anything,
refuses a database or media folders that already hold something unless forced, restores
the database (`pg_restore --clean --if-exists --no-owner`, or SQLite's backup API into the
database file), then the files (each written beside its place and checked again before it
takes it), and finally compares the restored counts with the manifest.

The PostgreSQL password reaches pg_dump and pg_restore through PGPASSWORD in their
environment, never on their command line (which every user of the machine can read).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import re
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

from core.cache import invalidate_public_pages

FORMAT = 1
PREFIX = "newsroom-backup-"
SUFFIX = ".tar"
_ARCHIVE = re.compile(r"^newsroom-backup-\d{8}T\d{6}Z(?:-\d+)?\.tar$")
MANIFEST = "manifest.json"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# The folders an archive holds, and the setting that says where each lives.
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}
CHUNK = 1024 * 1024

# What the site holds, counted into the manifest and again after a restore. Models are
# looked up by label: this module serves the project and names no app's code.
COUNTS = {
    "articles": ("articles.Article", None),
    "revisions": ("reversion.Revision", None),
    "views": ("articles.ArticleViewHourly", "views"),
    "search_documents": ("articles.ArticleSearchText", None),
    "authors": ("authors.Author", None),
    "banners": ("ads.Banner", None),
    "banner_impressions": ("ads.BannerStat", "impressions"),
    "magazine_issues": ("magazine.MagazineIssue", None),
    "reader_searches": ("searchlog.WeeklySearch", None),
    "users": ("auth.User", None),
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# What the commands report as a failure with its message (exit status 1), not a traceback:
# a full disk, a missing folder, a database that does not answer, a damaged tar.
FAILURES = (
    BackupError,
    OSError,
    sqlite3.Error,
    tarfile.TarError,
    json.JSONDecodeError,
    DatabaseError,
)


# -- shared --------------------------------------------------------------------------------


def vendor(alias: str = "default") -> str:
    name = connections[alias].vendor
    if name not in DUMP:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")
    return name


def pg_environment(alias: str = "default") -> dict[str, str]:
    """The libpq environment of the connection settings: the password never goes in argv."""
    db = settings.DATABASES[alias]
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    for key, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(key):
            env[variable] = str(options[key])
    return env


def run_tool(argv: list[str], env: dict[str, str]) -> str:
    """Run pg_dump or pg_restore; its own message when it fails."""
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{argv[0]} was not found. Install the PostgreSQL client tools of the server's "
            "major version (Debian: postgresql-client-NN)."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def tool_version(name: str) -> str:
    return run_tool([name, "--version"], dict(os.environ)).strip()


def folder_path(folder: str) -> Path:
    return Path(getattr(settings, FOLDERS[folder]))


def files_under(root: Path) -> Iterator[tuple[str, Path]]:
    """(name relative to root, path) of every regular file under root, sorted; none when
    root does not exist. Symbolic links are left out (they may point anywhere)."""
    if not root.is_dir():
        return
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def lift_time_limits(alias: str = "default") -> None:
    """Backups and restores are long commands: the web's statement limit
    (DATABASE_STATEMENT_TIMEOUT_MS, docs/faults.md) would cut an ANALYZE or a count of a large
    database. Lifted for this process's current connection."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return
    connection.ensure_connection()
    if hasattr(connection.connection, "wait_timeout"):  # core.postgresql's bounded waits
        connection.connection.wait_timeout = None
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")


def counts(alias: str = "default") -> dict[str, int]:
    from django.db.models import Sum

    lift_time_limits(alias)
    tables = set(connections[alias].introspection.table_names())
    result = {}
    for key, (label, summed) in COUNTS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if model._meta.db_table not in tables:
            continue
        objects = model._default_manager.using(alias)
        if summed:
            result[key] = objects.aggregate(total=Sum(summed))["total"] or 0
        else:
            result[key] = objects.count()
    return result


def applied_migrations(alias: str = "default") -> dict[str, list[str]]:
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def code_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def local_media_or_fail() -> None:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            f"The media are stored by {type(default_storage).__module__}."
            f"{type(default_storage).__name__}, not on this machine's disk: back the bucket up "
            "with its own tools (docs/operations.md, 'Media on object storage') and pass "
            "--no-media."
        )


class HashingReader:
    """Reads a file and hashes what it read (the tar member and its checksum in one pass)."""

    def __init__(self, raw):
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self.sha.update(data)
        self.size += len(data)
        return data


def human(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


# -- backup --------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    removed: list[Path] = field(default_factory=list)


def code_version() -> str:
    """The commit of the code that made the backup (restore with that code, then migrate)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def archive_path(directory: Path, now: datetime) -> Path:
    stem = f"{PREFIX}{now:%Y%m%dT%H%M%SZ}"
    path = directory / f"{stem}{SUFFIX}"
    n = 1
    while path.exists():
        path = directory / f"{stem}-{n}{SUFFIX}"
        n += 1
    return path


def archives_in(directory: Path) -> list[Path]:
    """The backups in a folder, newest first (their names sort by time)."""
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.is_file() and _ARCHIVE.match(p.name)]

    def order(path: Path):
        stem = path.name[len(PREFIX) : -len(SUFFIX)]
        when, _, n = stem.partition("-")
        return (when, int(n or 0))

    return sorted(found, key=order, reverse=True)


def dump_database(target: Path, alias: str = "default") -> dict:
    kind = vendor(alias)
    db = settings.DATABASES[alias]
    if kind == "postgresql":
        env = pg_environment(alias)
        run_tool(["pg_dump", "--format=custom", "--file", str(target)], env)
        with connections[alias].cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        return {"vendor": kind, "server_version": server, "tool": tool_version("pg_dump")}
    name = str(db["NAME"])
    if name == ":memory:" or "mode=memory" in name or not Path(name).is_file():
        raise BackupError(f"The SQLite database {name!r} is not a file on disk.")
    source = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return {"vendor": kind, "server_version": sqlite3.sqlite_version, "tool": "sqlite3 backup API"}


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    stat = path.stat()
    info = tarfile.TarInfo(name)
    info.size = stat.st_size
    info.mtime = int(stat.st_mtime)
    info.mode = 0o644
    with path.open("rb") as raw:
        reader = HashingReader(raw)
        tar.addfile(info, reader)
    if reader.size != stat.st_size:
        raise BackupError(f"{path} changed while it was read; run the backup again.")
    return {"sha256": reader.sha.hexdigest(), "bytes": reader.size}


def backup(
    output: Path,
    *,
    media: bool = True,
    keep: int | None = None,
    alias: str = "default",
    log: Callable[[str], None] = print,
) -> BackupResult:
    if keep is not None and keep < 1:
        raise BackupError("--keep must be at least 1.")
    kind = vendor(alias)
    if media:
        local_media_or_fail()
    output.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    path = archive_path(output, now)
    partial = path.with_name(f".{path.name}.partial")
    started = time.monotonic()
    manifest: dict = {
        "format": FORMAT,
        "created_at": now.isoformat(timespec="seconds"),
        "site": settings.SITE_NAME,
        "versions": {
            "code": code_version(),
            "python": platform.python_version(),
            "django": django.get_version(),
        },
        "migrations": applied_migrations(alias),
        "counts": counts(alias),
        "files": {},
        "folders": [],
    }
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=output) as work:
            dump = Path(work) / DUMP[kind]
            manifest["database"] = dump_database(dump, alias) | {"file": DUMP[kind]}
            manifest["versions"]["database"] = manifest["database"]["server_version"]
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                manifest["files"][DUMP[kind]] = add_file(tar, DUMP[kind], dump)
                dump.unlink()
                if media:
                    for folder in FOLDERS:
                        manifest["folders"].append(folder)
                        for name, file in files_under(folder_path(folder)):
                            member = f"{folder}/{name}"
                            try:
                                manifest["files"][member] = add_file(tar, member, file)
                            except FileNotFoundError:
                                continue  # deleted since it was listed (a replaced rendition)
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(now.timestamp())
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
        with partial.open("rb") as done:
            os.fsync(done.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    result = BackupResult(path, manifest)
    if keep:
        for old in archives_in(output)[keep:]:
            old.unlink()
            result.removed.append(old)
    files = [n for n in manifest["files"] if n != DUMP[kind]]
    log(
        f"Backup written: {path} ({human(path.stat().st_size)}, "
        f"{time.monotonic() - started:.1f} s)\n"
        f"  database: {kind} {manifest['database']['server_version']}, "
        f"{sum(len(v) for v in manifest['migrations'].values())} migrations applied\n"
        f"  {describe_counts(manifest['counts'])}\n"
        f"  media: "
        + (
            ", ".join(
                f"{folder} {sum(1 for n in files if n.startswith(folder + '/'))} files"
                for folder in manifest["folders"]
            )
            or "not included (--no-media)"
        )
    )
    for old in result.removed:
        log(f"  removed older backup {old.name} (--keep {keep})")
    return result


def describe_counts(values: dict[str, int]) -> str:
    return ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in values.items())


# -- restore -------------------------------------------------------------------------------


def safe_member(member: tarfile.TarInfo) -> str:
    name = member.name
    parts = PurePosixPath(name).parts
    if not member.isfile() or name.startswith("/") or ".." in parts or not parts:
        raise BackupError(f"The archive holds an unexpected entry {name!r}: not restoring it.")
    return name


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError(
            "The archive has no manifest.json: it is not a complete backup of this site."
        ) from None
    manifest = json.loads(tar.extractfile(member).read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Archive format {manifest.get('format')!r} is not {FORMAT}.")
    return manifest


def hash_stream(stream, sink=None) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        sha.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return sha.hexdigest(), size


def verify_archive(tar: tarfile.TarFile, manifest: dict) -> None:
    """Every member listed with its checksum, and nothing else, before anything is touched."""
    expected = manifest["files"]
    seen = set()
    for member in tar.getmembers():
        name = safe_member(member)
        if name == MANIFEST:
            continue
        if name not in expected:
            raise BackupError(f"{name} is in the archive but not in its manifest.")
        digest, size = hash_stream(tar.extractfile(member))
        if digest != expected[name]["sha256"] or size != expected[name]["bytes"]:
            raise BackupError(f"{name}: checksum mismatch, the archive is damaged.")
        seen.add(name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive lacks {len(missing)} files of its manifest: {missing[:5]}")


def database_content(alias: str = "default") -> tuple[int, str]:
    """How many tables the database has, and a word about its articles."""
    connection = connections[alias]
    tables = connection.introspection.table_names()
    articles = ""
    if "articles_article" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM articles_article")
            articles = f", {cursor.fetchone()[0]} articles"
    return len(tables), articles


def restore_database(tar: tarfile.TarFile, manifest: dict, alias: str = "default") -> None:
    kind = manifest["database"]["vendor"]
    member = tar.getmember(manifest["database"]["file"])
    db = settings.DATABASES[alias]
    with tempfile.TemporaryDirectory(prefix="newsroom-restore-") as work:
        dump = Path(work) / member.name
        with dump.open("wb") as sink:
            digest, _size = hash_stream(tar.extractfile(member), sink)
        if digest != manifest["files"][member.name]["sha256"]:
            raise BackupError(f"{member.name}: checksum mismatch while extracting.")
        connections[alias].close()
        if kind == "postgresql":
            run_tool(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    str(db["NAME"]),
                    str(dump),
                ],
                pg_environment(alias),
            )
            # pg_restore brings no planner statistics; the search reads them (pg_stats).
            lift_time_limits(alias)
            with connections[alias].cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(str(db["NAME"]))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        connections[alias].close()


def restore_files(tar: tarfile.TarFile, manifest: dict) -> dict[str, int]:
    """Each file written beside its place, checked, then moved into it."""
    restored = dict.fromkeys(manifest["folders"], 0)
    for member in tar.getmembers():
        name = safe_member(member)
        folder, _, rest = name.partition("/")
        if folder not in restored or not rest:
            continue
        root = folder_path(folder).resolve()
        target = (root / rest).resolve()
        if not target.is_relative_to(root):
            raise BackupError(f"The archive entry {name!r} points outside {root}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.restoring")
        try:
            with temporary.open("wb") as sink:
                digest, _size = hash_stream(tar.extractfile(member), sink)
            if digest != manifest["files"][name]["sha256"]:
                raise BackupError(f"{name}: checksum mismatch after writing {target}.")
            os.utime(temporary, (member.mtime, member.mtime))
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        restored[folder] += 1
    return restored


@dataclass
class RestoreResult:
    manifest: dict
    counts: dict[str, int]
    files: dict[str, int]
    notes: list[str]


def restore(
    archive: Path,
    *,
    force: bool = False,
    alias: str = "default",
    log: Callable[[str], None] = print,
) -> RestoreResult:
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    kind = vendor(alias)
    try:
        tar = tarfile.open(archive, "r:")  # noqa: SIM115 (closed by the `with tar` below)
    except tarfile.TarError as error:
        raise BackupError(f"{archive} is not a backup archive ({error}).") from None
    with tar:
        manifest = read_manifest(tar)
        if manifest["database"]["vendor"] != kind:
            raise BackupError(
                f"The archive holds a {manifest['database']['vendor']} database; this site is "
                f"configured for {kind} (DATABASE_URL)."
            )
        if manifest["folders"]:
            local_media_or_fail()
        occupied = []
        tables, articles = database_content(alias)
        if tables:
            occupied.append(
                f"the database {settings.DATABASES[alias]['NAME']} ({tables} tables{articles})"
            )
        for folder in manifest["folders"]:
            root = folder_path(folder)
            if next(files_under(root), None) is not None:
                occupied.append(f"{root} (holds files)")
        if occupied and not force:
            raise BackupError(
                "Not restoring over existing data: "
                + "; ".join(occupied)
                + ". Restore into an empty database and empty media folders, or pass --force "
                "to replace what they hold (stop the site first)."
            )
        log(f"Checking {archive.name} ({len(manifest['files'])} files)…")
        verify_archive(tar, manifest)
        log(f"Restoring the {kind} database…")
        restore_database(tar, manifest, alias)
        files = restore_files(tar, manifest)
    restored_counts = counts(alias)
    if restored_counts != manifest["counts"]:
        differences = {
            key: (manifest["counts"].get(key), restored_counts.get(key))
            for key in set(manifest["counts"]) | set(restored_counts)
            if manifest["counts"].get(key) != restored_counts.get(key)
        }
        raise BackupError(f"The restored database does not hold what was backed up: {differences}")
    notes = []
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    on_disk = code_migrations()
    if on_disk - archived:
        notes.append(
            f"This code has {len(on_disk - archived)} migrations the backup had not applied: "
            "run `python manage.py migrate` (it also rewrites search documents of older "
            "language rules)."
        )
    if archived - on_disk:
        notes.append(
            f"The backup had {len(archived - on_disk)} migrations this code does not know: "
            "it was made by newer code; deploy that version before serving the site."
        )
    # Cached pages and fragments (Redis) describe the database as it was: start afresh.
    invalidate_public_pages()
    log(
        f"Restored {archive.name} (made {manifest['created_at']}, "
        f"{manifest['database']['vendor']} {manifest['database']['server_version']}):\n"
        f"  {describe_counts(restored_counts)}\n"
        f"  media: "
        + (", ".join(f"{k} {v} files" for k, v in files.items()) or "none in this archive")
        + "\n  every checksum verified"
    )
    for note in notes:
        log(f"  note: {note}")
    return RestoreResult(manifest, restored_counts, files, notes)
