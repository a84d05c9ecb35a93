"""`{% picture %}` remembers the markup it made (core/templatetags/pictures.py): a listing
shows the same pictures on every page, and building one costs as much as its card. What it
remembers must never show a reader another picture, another alt text or another host."""

from django.template import Context, Template
from django.test import override_settings

from core.templatetags import pictures


def manifest(digest: str) -> dict:
    return {
        "specs": {
            "card": [
                {
                    "w": width,
                    "h": width * 9 // 16,
                    **{
                        fmt: f"covers/r/{digest}/{width}x{width * 9 // 16}.{ext}"
                        for fmt, ext in (("avif", "avif"), ("webp", "webp"), ("jpeg", "jpg"))
                    },
                }
                for width in (320, 480, 640)
            ]
        }
    }


def render(m: dict, alt: str = "", **options) -> str:
    extra = " ".join(f'{k}="{v}"' for k, v in options.items())
    template = Template(
        "{% load pictures %}{% picture m 'card' alt=alt sizes='100vw' " + extra + " %}"
    )
    return template.render(Context({"m": m, "alt": alt}))


def test_the_same_picture_twice_is_the_same_markup_made_once(monkeypatch):
    made = []
    original = pictures.picture_html

    def counting(*args, **kwargs):
        made.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pictures, "picture_html", counting)
    pictures._made.clear()
    first = render(manifest("aaa"), alt="Le port de Tanger")
    assert render(manifest("aaa"), alt="Le port de Tanger") == first
    assert len(made) == 1
    assert "covers/r/aaa/480x270.jpg" in first


def test_another_picture_alt_text_size_or_host_is_made_anew():
    pictures._made.clear()
    tanger = render(manifest("aaa"), alt="Le port de Tanger")
    other = render(manifest("bbb"), alt="Le port de Tanger")
    assert "covers/r/bbb/" in other
    assert "covers/r/aaa/" not in other
    assert 'alt="La médina de Fès"' in render(manifest("aaa"), alt="La médina de Fès")
    assert 'fetchpriority="high"' in render(manifest("aaa"), alt="x", priority="True")
    assert 'fetchpriority="high"' not in render(manifest("aaa"), alt="x")
    with override_settings(MEDIA_URL="https://media.example.org/"):
        from django.core.files.storage import default_storage

        assert default_storage.base_url == "https://media.example.org/"
        moved = render(manifest("aaa"), alt="Le port de Tanger")
        assert "https://media.example.org/covers/r/aaa/" in moved
    assert "https://media.example.org/" not in render(manifest("aaa"), alt="Le port de Tanger")
    assert tanger == render(manifest("aaa"), alt="Le port de Tanger")


def test_the_memory_is_bounded(monkeypatch):
    pictures._made.clear()
    monkeypatch.setattr(pictures._made, "limit", 3)
    for digest in ("a1", "a2", "a3", "a4", "a5"):
        render(manifest(digest))
    assert len(pictures._made) == 3


def test_a_pipeline_manifest_is_known_by_its_fingerprint_and_names():
    """Manifests the pipeline writes carry their specs' fingerprint (`version`): the memo
    keys on it and the names shown, so a spec change (a width added, same first name) or a
    manifest cut short is made anew, never served from memory."""
    pictures._made.clear()
    made = {**manifest("ccc"), "version": "v1", "digest": "ccc"}
    first = render(made)
    assert render(dict(made)) == first
    wider = manifest("ccc")
    wider["specs"]["card"].append(
        {
            "w": 800,
            "h": 450,
            "jpeg": "covers/r/ccc/800x450.jpg",
            "webp": "covers/r/ccc/800x450.webp",
        }
    )
    assert "800w" in render({**wider, "version": "v2"})
    cut = {**made, "specs": {"card": made["specs"]["card"][:2]}}
    assert "640w" in first
    assert "640w" not in render(cut)
