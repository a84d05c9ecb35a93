"""Article revisions (stored by django-reversion): readable diffs, and restoring one.

A restore brings back the text (title, lead, body, cover texts per language), the cover,
the section, the tags and the bylines of an older revision. It leaves the status, the
schedule, the slug and the featured/breaking flags as they are: going back to an older
wording never unpublishes an article. The restore is saved as a new revision.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from reversion.models import Version

from core.dates import format_date
from core.sanitizer import html_to_text as plain_text

from . import services, workflow
from .models import Article, ArticleAuthor

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = ("title", "lead", "body")
# Of those, only the body is HTML; titles and leads are plain text, shown as typed.
HTML_FIELDS = ("body",)
# Restored with the text; what a revision holds besides status and schedule.
RESTORED_TRANSLATED = ("title", "lead", "body", "cover_caption", "cover_alt")
RESTORED_PLAIN = ("section_id", "cover_credit", "cover_focal_x", "cover_focal_y")
# Not worth listing as "changed": bookkeeping.
IGNORED = {"updated_at", "edit_version", "cover_width", "cover_height", "title"}
IGNORED |= {"cover_renditions", "cover_digest"}
IGNORED |= {"lead", "body", "cover_caption", "cover_alt", "preview_nonce", "content_updated_at"}

_TOKENS = re.compile(r"\s+|[^\s]+")


def versions_of(article: Article):
    """The article's revisions, newest first, with their authors."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def ensure_baseline(article: Article) -> None:
    """Give an article written outside the back office (import, seed, shell) a first revision,
    so its first edit can be compared, diffed in a conflict, and undone."""
    if Version.objects.get_for_object(article).exists():
        return
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment(_("As it was before its first edit in the back office"))


def word_diff(old: str, new: str) -> SafeString:
    """Word-level diff as HTML: removed words in <del>, added ones in <ins>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


@dataclass
class FieldDiff:
    field: str
    language: str
    label: str
    old: str
    new: str
    html: SafeString

    @property
    def changed(self) -> bool:
        return self.old != self.new


def readable(name: str, value: str | None) -> str:
    """What readers see of a field: the body's text, any other field exactly as typed
    ("x < y" in a title is text, not a tag). word_diff() escapes it for the page."""
    if name in HTML_FIELDS:
        return plain_text(value)
    return value or ""


def text_diffs(old: dict, new: dict, *, only_changed: bool = False) -> list[FieldDiff]:
    """Title, lead and body per language between two revisions' field dicts."""
    labels = {"title": _("Title"), "lead": _("Lead"), "body": _("Body")}
    rows = []
    for code in LANGUAGES:
        for name in TEXT_FIELDS:
            key = f"{name}_{code}"
            before, after = readable(name, old.get(key)), readable(name, new.get(key))
            if not before and not after:
                continue
            if only_changed and before == after:
                continue
            rows.append(
                FieldDiff(
                    name, code, f"{labels[name]} ({code})", before, after, word_diff(before, after)
                )
            )
    return rows


def changed_fields(old: dict, new: dict) -> list[str]:
    """Names of the fields that differ (title_ar, tags, status…), bookkeeping left out."""
    names = []
    for key in new.keys() | old.keys():
        if key in IGNORED:
            continue
        before, after = old.get(key), new.get(key)
        if isinstance(before, list) or isinstance(after, list):
            before, after = sorted(before or []), sorted(after or [])
        if (before or None) != (after or None):
            names.append(key)
    return sorted(names)


def describe(version: Version) -> str:
    revision = version.revision
    who = revision.user.get_username() if revision.user else _("the system")
    when = format_date(revision.date_created, "datetime")
    return f"{who}, {when}"


def version_for_edit(article: Article, edit_version: int) -> Version | None:
    """The newest revision saved at or before `edit_version` (what a stale form was built on)."""
    for version in versions_of(article)[:50]:
        if (version.field_dict.get("edit_version") or 0) <= edit_version:
            return version
    return None


def bylines_of(version: Version) -> list[tuple[int, int]]:
    content_type = ContentType.objects.get_for_model(ArticleAuthor)
    rows = []
    for byline in version.revision.version_set.filter(content_type=content_type):
        data = byline.field_dict
        if data.get("article_id") == version.field_dict.get("id"):
            rows.append((data.get("position") or 0, data["author_id"]))
    return sorted(rows)


def restore(article: Article, *, version: Version, by) -> Article:
    """Bring back an older revision's content as a new revision (see the module docstring)."""
    if not workflow.can_edit(by, article):
        raise PermissionDenied(_("You may not change this article."))
    if (
        str(version.object_id) != str(article.pk)
        or version.content_type.model_class() is not Article
    ):
        raise PermissionDenied(_("This revision belongs to another article."))
    data = version.field_dict
    from authors.models import Author

    with transaction.atomic(), reversion.create_revision():
        changed = []
        for name in RESTORED_TRANSLATED:
            for code in LANGUAGES:
                key = f"{name}_{code}"
                if key in data and getattr(article, key) != data[key]:
                    setattr(article, key, data[key])
                    changed.append(key)
        for key in RESTORED_PLAIN:
            if key in data and getattr(article, key) != data[key]:
                setattr(article, key, data[key])
                changed.append(key)
        cover = data.get("cover")
        cover_name = getattr(cover, "name", cover) or ""
        if cover_name != (article.cover.name or "") and (
            not cover_name or article.cover.storage.exists(cover_name)
        ):
            article.cover = cover_name
            article.cover_width, article.cover_height = (
                data.get("cover_width"),
                data.get("cover_height"),
            )
            changed.append("cover")
        workflow.text_changed(article, changed)
        article.edit_version += 1
        # What the stored bodies show before they are overwritten (services.article_saved
        # deletes the renditions of the pictures the restore takes out).
        before = services.body_pictures([article.pk]).get(article.pk)
        article.save()
        if "tags" in data:
            article.tags.set(data["tags"])
        bylines = [(p, a) for p, a in bylines_of(version) if Author.objects.filter(pk=a).exists()]
        if bylines:
            ArticleAuthor.objects.filter(article=article).delete()
            ArticleAuthor.objects.bulk_create(
                [ArticleAuthor(article=article, author_id=a, position=p) for p, a in bylines]
            )
        services.article_saved(article, pictures_before=before)
        reversion.add_to_revision(article)  # again, now that the bylines are back
        reversion.set_user(by)
        reversion.set_comment(_("Restored the revision of %(when)s") % {"when": describe(version)})
    return article
