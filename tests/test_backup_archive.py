"""Archives `restore` must refuse before it touches anything (newsroom/backup.py).

The drill (tests/test_backup_drill.py) restores real backups; here are crafted archives an
attacker or a broken copy could hand to an operator: an entry escaping the media folders,
a link, a member the manifest does not list, a missing member, no manifest at all.
"""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from newsroom.backup import DUMP, FORMAT

pytestmark = pytest.mark.django_db


def archive(path, members: dict[str, bytes], *, listed=None, links=(), manifest=True):
    """A tar with these members and a manifest listing `listed` (default: all of them)."""
    listed = members if listed is None else listed
    database = DUMP[connection.vendor]
    content = {
        "format": FORMAT,
        "created_at": "2026-12-01T02:17:00+00:00",
        "database": {"vendor": connection.vendor, "file": database, "server_version": "x"},
        "migrations": {},
        "counts": {},
        "folders": ["media", "private"],
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in listed.items()
        },
    }
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in links:
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
        if manifest:
            data = json.dumps(content).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def refused(path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("restore", "--input", str(path), "--force")
    return str(error.value)


def database_member() -> dict[str, bytes]:
    return {DUMP[connection.vendor]: b"not restored"}


def test_an_entry_escaping_the_media_folder_is_refused(tmp_path):
    evil = tmp_path / "evil.txt"
    path = archive(tmp_path / "a.tar", database_member() | {"media/../../evil.txt": b"x"})
    assert "unexpected entry" in refused(path)
    assert not evil.exists()


def test_a_link_is_refused(tmp_path):
    path = archive(tmp_path / "a.tar", database_member(), links=[("media/passwd", "/etc/passwd")])
    assert "unexpected entry 'media/passwd'" in refused(path)


def test_a_member_the_manifest_does_not_list_is_refused(tmp_path):
    members = database_member() | {"media/covers/a.jpg": b"jpeg"}
    path = archive(tmp_path / "a.tar", members, listed=database_member())
    assert "media/covers/a.jpg is in the archive but not in its manifest" in refused(path)


def test_a_member_missing_from_the_archive_is_refused(tmp_path):
    listed = database_member() | {"media/covers/a.jpg": b"jpeg"}
    path = archive(tmp_path / "a.tar", database_member(), listed=listed)
    assert "lacks 1 files of its manifest" in refused(path)


def test_an_archive_without_manifest_is_refused(tmp_path):
    path = archive(tmp_path / "a.tar", database_member(), manifest=False)
    assert "no manifest.json" in refused(path)


def test_an_archive_of_the_other_database_is_refused(tmp_path, monkeypatch):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = archive(tmp_path / "a.tar", database_member())
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    manifest["database"]["vendor"] = other
    data = json.dumps(manifest).encode()
    rewritten = tmp_path / "b.tar"
    with tarfile.open(path) as source, tarfile.open(rewritten, "w") as tar:
        for member in source.getmembers():
            if member.name == "manifest.json":
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
            else:
                tar.addfile(member, source.extractfile(member))
    assert f"holds a {other} database" in refused(rewritten)


def test_backup_rejects_a_keep_below_one(tmp_path):
    with pytest.raises(CommandError, match="--keep must be at least 1"):
        call_command("backup", "--output", str(tmp_path), "--keep", "0")
    assert list(tmp_path.iterdir()) == []
