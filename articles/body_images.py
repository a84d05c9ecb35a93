"""Pictures inside an article's body: responsive `<picture>` markup written at save time.

The body editor's picker (articles/admin_views.py ImageUpload) stores a clean copy of an
upload under `inline/<year>/<month>/` and the editor writes `<figure><img src="/media/inline/…">`
into the body. When the article is saved (articles/services.py `article_saved`), every such
`<img>` becomes

    <picture><source type="image/avif" srcset="… 480w, …" sizes="…"><source type="image/webp" …>
      <img src="…jpg" srcset="…" sizes="…" width="…" height="…" alt="…" loading="lazy" decoding="async">
    </picture>

made by core/renditions.py (the same pipeline as covers), and the body is stored that way.

Why at save time, into the stored HTML: a page then costs nothing more per request (no
storage call, no query, no parsing: the template prints the stored body as before), and
the body needs no other column. Why this naming: the renditions of `inline/2026/12/x.jpg`
live under `inline/r/2026/12/x.jpg/<digest>/`, so the `<img>` the editor gives back after
an edit (it drops `<picture>` and `<source>`, keeps `src`, `alt`, `width`, `height`) still
names its source: the next save makes the same markup again (the files exist: nothing is
encoded twice). The original upload is never in the stored body, so never sent to a reader.

A picture a save takes out of both editions of the body loses its rendition files after
commit (`forget_removed`), unless another article's body still shows that upload; the upload
itself stays, so inserting it again makes the renditions again at the next save.

A picture that cannot be read (missing from storage, not a picture) keeps the markup it
had and still loads lazily; the save goes on. An `<img>` of another site or of another part
of the media is left as it is (lazily loaded).
"""

from __future__ import annotations

import html
import logging
import re
import urllib.parse

from django.conf import settings
from django.core.files.storage import default_storage

from core import renditions
from core.sanitizer import sanitize_html

logger = logging.getLogger(__name__)

# The body spec of the pipeline (480 … 1600 wide, the picture's own shape). The body column
# is at most 46rem wide (static/css/site.css .article), the whole width less the page's
# padding on a phone; 2x and 3x screens take the next width up.
BODY = renditions.BODY
BODY_SPECS = (BODY,)
BODY_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
SOURCE_FOLDER = "inline/"
RENDITION_FOLDER = "inline/r/"
_RENDITION = re.compile(r"^inline/r/(?P<source>.+)/[0-9a-f]{64}/[^/]+$")

_PICTURE = re.compile(r"<picture\b[^>]*>.*?</picture>", re.IGNORECASE | re.DOTALL)
# A quoted attribute value is skipped whole: a ">" in an alt text cannot end the tag (the
# sanitizer escapes it anyway; this does not rely on that).
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>', re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"')


def rendition_folder(source_name: str) -> str:
    return RENDITION_FOLDER + source_name[len(SOURCE_FOLDER) :]


def source_name(src: str) -> str:
    """The storage name of the uploaded picture an `<img src>` of a body shows (the upload
    itself or one of its renditions); "" when it is not a body picture of ours."""
    media = settings.MEDIA_URL
    if not src.startswith(media):
        return ""
    name = urllib.parse.unquote(src[len(media) :].split("?", 1)[0])
    if ".." in name.split("/") or not name.startswith(SOURCE_FOLDER):
        return ""
    match = _RENDITION.match(name)
    if match:
        return SOURCE_FOLDER + match["source"]
    if name.startswith(RENDITION_FOLDER):
        return ""
    return name


def _attributes(tag: str) -> dict[str, str]:
    return {key.lower(): html.unescape(value) for key, value in _ATTRIBUTE.findall(tag)}


def _img_tag(attributes: dict[str, str]) -> str:
    parts = " ".join(
        f'{key}="{html.escape(value, quote=True)}"' for key, value in attributes.items()
    )
    return f"<img {parts}>"


def _lazy(attributes: dict[str, str]) -> str:
    """The `<img>` as it was, loading lazily."""
    return _img_tag({**attributes, "loading": "lazy", "decoding": "async"})


def responsive_body(body: str, *, force: bool = False, storage=default_storage) -> str:
    """`body` (sanitized HTML) with every picture of ours as responsive `<picture>`
    markup, made or reused; unchanged when there is nothing to do."""
    if not body or "<img" not in body.lower():
        return body
    manifests: dict[str, dict] = {}

    def picture_for(img_tag: str) -> str:
        attributes = _attributes(img_tag)
        name = source_name(attributes.get("src", ""))
        if not name:
            return _lazy(attributes)
        if name not in manifests:
            manifests[name] = renditions.refresh(
                storage, name, BODY_SPECS, rendition_folder(name), force=force
            )
        manifest = manifests[name]
        if not manifest:
            logger.warning("Body picture %s cannot be read: left as it was", name)
            return _lazy(attributes)
        return renditions.picture_html(
            manifest,
            BODY.name,
            url=storage.url,
            alt=attributes.get("alt", ""),
            sizes=BODY_SIZES,
            loading="lazy",
            width=960,
        )

    def unwrap(match: re.Match) -> str:
        # A picture made by an earlier save: made again from its <img>.
        imgs = _IMG.findall(match.group(0))
        return imgs[-1] if imgs else ""

    flat = _PICTURE.sub(unwrap, body)
    result = _IMG.sub(lambda match: picture_for(match.group(0)), flat)
    # What the sanitizer would keep: the stored body is always its output.
    return sanitize_html(result)


def body_sources(*bodies: str) -> set[str]:
    """The storage names of the uploads the bodies show (as `<img>` or `<picture>`)."""
    names = set()
    for body in bodies:
        for img in _IMG.findall(body or ""):
            name = source_name(_attributes(img).get("src", ""))
            if name:
                names.add(name)
    return names


def forget_removed(removed: set[str], pks, *, storage=default_storage) -> None:
    """After commit, delete the rendition files of each upload in `removed` that no article
    but `pks` (the one saved, or those deleted) shows in its body (any edition): one query
    per upload. The upload itself stays. `pks`: an id or ids."""
    if not removed:
        return
    if not isinstance(pks, (list, tuple, set)):
        pks = [pks]
    pks = [pk for pk in pks if pk is not None]
    from django.db import transaction
    from django.db.models import Q

    from .models import STORED_LANGUAGES, Article

    def delete():
        for name in sorted(removed):
            folder = rendition_folder(name) + "/"
            shown = Q()
            for code in STORED_LANGUAGES:
                # A responsive body names the renditions; one not yet made so, the upload.
                shown |= Q(**{f"body_{code}__contains": folder})
                shown |= Q(**{f"body_{code}__contains": settings.MEDIA_URL + name})
            if Article.objects.filter(shown).exclude(pk__in=pks).exists():
                continue
            _delete_folder(storage, folder.rstrip("/"))

    transaction.on_commit(delete)


def _delete_folder(storage, folder: str) -> None:
    """Every file under `folder`, through the storage API (each digest's renditions), then
    the folders left empty (a local storage's only: core.renditions.remove_empty_folder)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        logger.warning("Cannot list the renditions under %s", folder)
        return
    for child in folders:
        _delete_folder(storage, f"{folder}/{child}")
    for file in files:
        try:
            storage.delete(f"{folder}/{file}")
        except OSError:
            logger.warning("Cannot delete the rendition %s/%s", folder, file)
    renditions.remove_empty_folder(storage, folder)


def refresh_body_images(article, *, force: bool = False, before: set[str] | None = None) -> bool:
    """Make the stored bodies of `article` (every language) responsive; True when one
    changed. Writes with `update()`: the row was just saved, nothing else changes. The
    renditions of the pictures the write took out of every edition are deleted after
    commit (`forget_removed`) when the writer says what the row showed before (`before`,
    articles/services.py `body_pictures()`)."""
    from .models import STORED_LANGUAGES, Article

    changes = {}
    bodies = []
    for code in STORED_LANGUAGES:
        column = f"body_{code}"
        body = getattr(article, column, None) or ""
        new = responsive_body(body, force=force)
        bodies.append(new)
        if new != body:
            changes[column] = new
    if before:
        forget_removed(before - body_sources(*bodies), article.pk)
    if not changes:
        return False
    for column, value in changes.items():
        setattr(article, column, value)
    Article.objects.filter(pk=article.pk).update(**changes)
    return True


_SRCSET = re.compile(r'\b(?:src|srcset)="([^"]*)"', re.IGNORECASE)


def rendition_files(article) -> set[str]:
    """The storage names of the rendition files the article's stored bodies name (every
    `src` and `srcset` candidate under `inline/r/`): the regenerate command checks they
    exist."""
    from .models import STORED_LANGUAGES

    media, names = settings.MEDIA_URL, set()
    for code in STORED_LANGUAGES:
        body = getattr(article, f"body_{code}", None) or ""
        for picture in _PICTURE.findall(body):
            for value in _SRCSET.findall(picture):
                for candidate in html.unescape(value).split(","):
                    url = candidate.strip().split(" ", 1)[0]
                    name = urllib.parse.unquote(url[len(media) :]) if url.startswith(media) else ""
                    if _RENDITION.match(name):
                        names.add(name)
    return names


def body_images_done(article) -> bool:
    """Whether every picture of ours in the article's bodies is already responsive, made
    by the current encoder (the regenerate command skips the article; a change of the
    body's widths needs `--force`)."""
    from .models import STORED_LANGUAGES

    current = f"-e{renditions.ENCODER_VERSION}."
    for code in STORED_LANGUAGES:
        body = getattr(article, f"body_{code}", None) or ""
        for picture in _PICTURE.findall(body):
            for img in _IMG.findall(picture):
                src = _attributes(img).get("src", "")
                if source_name(src) and current not in src.rsplit("/", 1)[-1]:
                    return False
        for img in _IMG.findall(_PICTURE.sub("", body)):
            if source_name(_attributes(img).get("src", "")):
                return False
    return True
