"""The editorial workflow: who may move an article from one status to another, and how.

    draft ──submit──▶ review ──publish──▶ published ──unpublish──▶ unpublished
      ▲                 │  └───schedule──▶ scheduled ──(its time)──▶ published
      └──(next save)── returned ◀──return (with a note)

Every transition is a keyword-only function that checks the permission on the server
(PermissionDenied) and the state (ValidationError), records an `ArticleEvent`, keeps a
revision, and hands the change to articles/services.py (the public pages' cache is
refreshed after the transaction commits). The admin's buttons and actions, `publish_due`
and the tests all go through these functions.

Ownership: a user owns an article they created (`created_by`) or whose byline names them
(`Author.user`). Without `edit_any_article`, a user edits only articles they own, and only
while in draft or returned from review.
"""

from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Article, ArticleAuthor, ArticleEvent

Status = Article.Status
Action = ArticleEvent.Action

PUBLISH_PERMISSION = "articles.publish_article"
REVIEW_PERMISSION = "articles.review_article"
EDIT_ANY_PERMISSION = "articles.edit_any_article"

# What a journalist may still change: their own work before an editor has it.
OWNER_EDITABLE = (Status.DRAFT, Status.RETURNED)
# Where publishing and scheduling may start from (a published article is unpublished first).
PUBLISHABLE_FROM = (
    Status.DRAFT,
    Status.REVIEW,
    Status.RETURNED,
    Status.SCHEDULED,
    Status.UNPUBLISHED,
)
# The fields an editor's text change touches, for the public "updated" line.
TEXT_FIELDS = ("title", "lead", "body")


# --- who may do what -------------------------------------------------------------------


def owned_by(user) -> Q:
    """Filter for the articles `user` owns (created, or named in the byline)."""
    return Q(created_by=user) | Q(
        pk__in=ArticleAuthor.objects.filter(author__user=user).values("article_id")
    )


def is_owner(user, article: Article) -> bool:
    if not user.is_authenticated:
        return False
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return ArticleAuthor.objects.filter(article_id=article.pk, author__user=user).exists()


def is_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def can_publish(user) -> bool:
    return is_staff(user) and user.has_perm(PUBLISH_PERMISSION)


def can_review(user) -> bool:
    return is_staff(user) and user.has_perm(REVIEW_PERMISSION)


def can_edit_any(user) -> bool:
    return is_staff(user) and user.has_perm(EDIT_ANY_PERMISSION)


def visible_to(user) -> Q:
    """The articles `user` sees in the back office: all for editors; else their own and
    the published ones (read-only)."""
    if can_edit_any(user) or can_review(user):
        return Q()
    return owned_by(user) | Q(status=Status.PUBLISHED)


def can_view(user, article: Article) -> bool:
    if not is_staff(user) or not (
        user.has_perm("articles.view_article") or user.has_perm("articles.change_article")
    ):
        return False
    if can_edit_any(user) or can_review(user) or article.status == Status.PUBLISHED:
        return True
    return is_owner(user, article)


def can_edit(user, article: Article) -> bool:
    """May `user` change the article's text, cover, filing and bylines?"""
    if not is_staff(user):
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if not user.has_perm("articles.change_article"):
        return False
    if can_edit_any(user):
        return True
    return article.status in OWNER_EDITABLE and is_owner(user, article)


# --- transitions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    action: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", _("Submit for review"), OWNER_EDITABLE, Status.REVIEW, Action.SUBMIT),
        Transition(
            "return",
            _("Return to the journalist"),
            (Status.REVIEW,),
            Status.RETURNED,
            Action.RETURN,
        ),
        Transition("publish", _("Publish now"), PUBLISHABLE_FROM, Status.PUBLISHED, Action.PUBLISH),
        Transition("schedule", _("Schedule"), PUBLISHABLE_FROM, Status.SCHEDULED, Action.SCHEDULE),
        Transition(
            "unpublish",
            _("Unpublish"),
            (Status.SCHEDULED, Status.PUBLISHED),
            Status.UNPUBLISHED,
            Action.UNPUBLISH,
        ),
    )
}


def has_transition_permission(name: str, user, article: Article) -> bool:
    """The permission half of a transition (no state check)."""
    if name == "submit":
        return can_edit(user, article) and user.has_perm("articles.change_article")
    if name == "return":
        return can_review(user)
    if name in ("publish", "schedule", "unpublish"):
        return can_publish(user)
    return False


def check_transition(
    name: str, article: Article, *, by, at: datetime | None = None, now: datetime | None = None
) -> Transition:
    """Raise PermissionDenied or ValidationError unless `by` may apply `name` now."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown action."), code="unknown_transition")
    if not has_transition_permission(name, by, article):
        raise PermissionDenied(
            _("You are not allowed to do this: %(action)s.") % {"action": transition.label}
        )
    if article.status not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible for an article that is %(status)s.")
            % {"action": transition.label, "status": article.get_status_display().lower()},
            code="wrong_status",
        )
    now = now or timezone.now()
    if name == "schedule":
        if at is None:
            raise ValidationError(
                {"publish_at": _("Choose the publication time first.")}, code="no_time"
            )
        if at <= now:
            raise ValidationError(
                {"publish_at": _("The publication time is in the past: use “Publish now”.")},
                code="time_in_past",
            )
        if article.unpublish_at and article.unpublish_at <= at:
            raise ValidationError(
                {"unpublish_at": _("The expiry time must come after the publication time.")},
                code="expiry_before_publication",
            )
    if name == "publish" and article.unpublish_at and article.unpublish_at <= now:
        raise ValidationError(
            {"unpublish_at": _("The expiry time has passed: change or clear it first.")},
            code="expired",
        )
    if name in ("submit", "publish", "schedule") and not article.available_languages():
        raise ValidationError(_("Give the article a title in at least one language."))
    return transition


def allowed_transitions(article: Article, user) -> list[Transition]:
    """The buttons to show: permitted, and possible from the current status."""
    if article.pk is None:
        return [TRANSITIONS["submit"]] if user.has_perm("articles.add_article") else []
    return [
        t
        for t in TRANSITIONS.values()
        if article.status in t.sources and has_transition_permission(t.name, user, article)
    ]


def submit(article: Article, *, by) -> ArticleEvent:
    return _apply("submit", article, by=by)


def return_to_author(article: Article, *, by, note: str) -> ArticleEvent:
    note = (note or "").strip()
    if not note:
        # Check the permission first: a refused user learns nothing about the note rule.
        check_transition("return", article, by=by)
        raise ValidationError(
            {"review_note": _("Write a note telling the journalist what to change.")},
            code="note_required",
        )
    return _apply("return", article, by=by, note=note)


def publish_now(article: Article, *, by, now: datetime | None = None) -> ArticleEvent:
    # Whole seconds, as the admin's date and time inputs show them.
    now = (now or timezone.now()).replace(microsecond=0)
    # Keep an earlier publication time (a republished article keeps its date); a future
    # or missing one becomes now.
    publish_at = article.publish_at if article.publish_at and article.publish_at <= now else now
    return _apply("publish", article, by=by, now=now, changes={"publish_at": publish_at})


def schedule(article: Article, *, by, at: datetime, now: datetime | None = None) -> ArticleEvent:
    return _apply("schedule", article, by=by, now=now, at=at, changes={"publish_at": at})


def unpublish(article: Article, *, by, now: datetime | None = None) -> ArticleEvent:
    return _apply("unpublish", article, by=by, now=now)


def reopen(article: Article, *, by) -> ArticleEvent | None:
    """Returned → draft: the journalist has started on the editor's note."""
    if article.status != Status.RETURNED or not can_edit(by, article):
        return None
    return _record(article, by=by, action=Action.REOPEN, to_status=Status.DRAFT)


def _apply(
    name: str,
    article: Article,
    *,
    by,
    note: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
    changes: dict | None = None,
) -> ArticleEvent:
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the row and decide on its current status, not on what the caller loaded.
        current = Article.objects.select_for_update().only("status", "edit_version")
        current = current.get(pk=article.pk)
        article.status = current.status
        article.edit_version = current.edit_version
        transition = check_transition(name, article, by=by, at=at, now=now)
        return _record(
            article,
            by=by,
            action=transition.action,
            to_status=transition.target,
            note=note,
            now=now,
            changes=changes or {},
        )


def _record(
    article: Article,
    *,
    by,
    action: str,
    to_status: str,
    note: str = "",
    now: datetime | None = None,
    changes: dict | None = None,
) -> ArticleEvent:
    now = now or timezone.now()
    from_status = article.status
    with transaction.atomic(), reversion.create_revision():
        for name, value in (changes or {}).items():
            setattr(article, name, value)
        article.status = to_status
        # A human decision: an editor with the form open must see it as a conflict.
        article.edit_version += 1
        fields = ["status", "publish_at", "edit_version", "updated_at", *(changes or {})]
        article.save(update_fields=fields)
        services.article_saved(article, fields=fields)
        event = ArticleEvent.objects.create(
            article=article,
            action=action,
            actor=by,
            at=now,
            note=note,
            from_status=from_status,
            to_status=to_status,
            publish_at=article.publish_at if action == Action.SCHEDULE else None,
        )
        reversion.set_user(by)
        _append_revision_comment(str(ArticleEvent.Action(action).label))
    return event


def _append_revision_comment(text: str) -> None:
    comment = reversion.get_comment()
    reversion.set_comment(f"{comment}; {text}" if comment else text)


# --- text changes ----------------------------------------------------------------------


def text_changed(article: Article, changed_fields, *, now: datetime | None = None) -> None:
    """Note a change of title, lead or body; on a live article readers see "updated".

    Call before saving (the cached pages are refreshed by articles/services.py after it).
    """
    now = now or timezone.now()
    touched = any(name.rsplit("_", 1)[0] in TEXT_FIELDS for name in changed_fields)
    if touched and article.pk is not None and article.is_published(now):
        article.content_updated_at = now


# --- the clock -------------------------------------------------------------------------


@dataclass
class DueResult:
    published: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)


def publish_due(now: datetime | None = None) -> DueResult:
    """Scheduled articles whose time has come → published; expired ones → unpublished.

    Readers already see a scheduled article from its time on (`published()` says so); this
    records the change and refreshes what depends on it (articles/services.py) exactly once
    per article: each row moves with a conditional UPDATE, so concurrent runs never both
    win. It does not bump `edit_version`: open forms stay valid.
    """
    now = now or timezone.now()
    result = DueResult()
    # Expiry first: an article whose whole window has passed is never recorded as published.
    expired = Article.objects.filter(
        status__in=(Status.SCHEDULED, Status.PUBLISHED), unpublish_at__lte=now
    ).values_list("pk", "status")
    for pk, status in list(expired):
        if _system_move(pk, status, Status.UNPUBLISHED, Action.EXPIRE, now):
            result.expired.append(pk)
    due = Article.objects.filter(status=Status.SCHEDULED, publish_at__lte=now).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        if _system_move(pk, Status.SCHEDULED, Status.PUBLISHED, Action.AUTO_PUBLISH, now):
            result.published.append(pk)
    return result


def _system_move(pk: int, from_status: str, to_status: str, action: str, now: datetime) -> bool:
    with transaction.atomic():
        moved = Article.objects.filter(pk=pk, status=from_status).update(status=to_status)
        if not moved:
            return False  # another run, or an editor, got there first
        ArticleEvent.objects.create(
            article_id=pk,
            action=action,
            actor=None,
            at=now,
            from_status=from_status,
            to_status=to_status,
        )
        services.articles_updated([pk], fields=["status"])
    return True
