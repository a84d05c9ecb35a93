"""Who has an article's change form open: one `EditSession` per person and article, kept
alive by the form's heartbeat (articles/admin_views.py `Heartbeat`) and shown on the form
to everyone else (articles/admin.py). Someone whose heartbeat stopped longer ago than
settings.EDIT_PRESENCE_SECONDS is no longer there.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import Article, EditSession


def cutoff() -> datetime:
    """Sessions last seen before this have ended (the tab was closed, the laptop slept)."""
    return timezone.now() - timedelta(seconds=settings.EDIT_PRESENCE_SECONDS)


def others_editing(article: Article, user) -> list[EditSession]:
    """The other people who have the article open now, first arrived first."""
    return list(
        EditSession.objects.filter(article=article, last_seen__gte=cutoff())
        .exclude(user=user)
        .select_related("user")
        .order_by("started_at")
    )


def touch(article: Article, user) -> EditSession:
    """`user` has the article open: start their session, or keep it alive."""
    now = timezone.now()
    session, created = EditSession.objects.get_or_create(article=article, user=user)
    if not created:
        if session.last_seen < cutoff():
            session.started_at = now  # a new editing session, not the old one resumed
        session.last_seen = now
        session.save(update_fields=["started_at", "last_seen"])
    return session


def leave(article: Article, user) -> None:
    """`user` saved the article or closed its form."""
    EditSession.objects.filter(article=article, user=user).delete()
