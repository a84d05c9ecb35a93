"""articles.workflow: the permission matrix of every transition, events, side effects."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent
from core.cache import GENERATION_KEY, invalidate_public_pages, public_pages_generation
from tests.factories import ArticleFactory, UserFactory
from tests.personas import draft_by, make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture
def people():
    return {
        "journalist": make_journalist("sara"),
        "other_journalist": make_journalist("karim"),
        "editor": make_editor(),
        "administrator": make_administrator(),
        "anonymous": AnonymousUser(),
        "reader": UserFactory(username="reader", password=None),  # a login, but not staff
    }


def run(name, article, user):
    soon = timezone.now() + timedelta(hours=2)
    if name == "submit":
        return workflow.submit(article, by=user)
    if name == "return":
        return workflow.return_to_author(article, by=user, note="Sources ?")
    if name == "publish":
        return workflow.publish_now(article, by=user)
    if name == "schedule":
        return workflow.schedule(article, by=user, at=soon)
    if name == "unpublish":
        return workflow.unpublish(article, by=user)
    raise AssertionError(name)


def article_in(status, owner):
    article = draft_by(owner)
    publish_at = timezone.now() - timedelta(hours=1) if status == S.PUBLISHED else None
    if status == S.SCHEDULED:
        publish_at = timezone.now() + timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(status=status, publish_at=publish_at)
    article.refresh_from_db()
    return article


# Who may do what, from the status where the step makes sense.
MATRIX = [
    # (transition, from status, roles allowed)
    ("submit", S.DRAFT, {"journalist", "editor", "administrator"}),
    ("submit", S.RETURNED, {"journalist", "editor", "administrator"}),
    ("return", S.REVIEW, {"editor", "administrator"}),
    ("publish", S.REVIEW, {"editor", "administrator"}),
    ("publish", S.DRAFT, {"editor", "administrator"}),
    ("schedule", S.REVIEW, {"editor", "administrator"}),
    ("unpublish", S.PUBLISHED, {"editor", "administrator"}),
    ("unpublish", S.SCHEDULED, {"editor", "administrator"}),
]
ROLES = ["journalist", "other_journalist", "editor", "administrator", "anonymous", "reader"]


@pytest.mark.parametrize(
    ("name", "status", "allowed"), MATRIX, ids=[f"{n}-from-{s}" for n, s, _a in MATRIX]
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, role, name, status, allowed):
    article = article_in(status, people["journalist"])
    user = people[role]
    if role in allowed:
        event = run(name, article, user)
        article.refresh_from_db()
        assert article.status == workflow.TRANSITIONS[name].target
        assert event.actor == user
        assert event.from_status == status
        assert event.to_status == article.status
    else:
        with pytest.raises(PermissionDenied):
            run(name, article, user)
        article.refresh_from_db()
        assert article.status == status
        assert not article.events.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("submit", S.REVIEW),
        ("submit", S.PUBLISHED),
        ("return", S.DRAFT),
        ("return", S.PUBLISHED),
        ("unpublish", S.DRAFT),
        ("unpublish", S.REVIEW),
        ("publish", S.PUBLISHED),
        ("schedule", S.PUBLISHED),
    ],
)
def test_impossible_steps_are_refused_even_for_editors(people, name, status):
    article = article_in(status, people["journalist"])
    with pytest.raises(ValidationError):
        run(name, article, people["editor"])
    article.refresh_from_db()
    assert article.status == status


def test_the_status_is_read_from_the_database_not_from_a_stale_object(people):
    article = article_in(S.REVIEW, people["journalist"])
    stale = Article.objects.get(pk=article.pk)
    workflow.publish_now(article, by=people["editor"])
    with pytest.raises(ValidationError):
        workflow.return_to_author(stale, by=people["editor"], note="trop tard")
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_byline_makes_a_journalist_owner(people):
    sara = people["journalist"]
    article = draft_by(people["other_journalist"])
    assert not workflow.can_edit(sara, article)
    article.bylines.create(author=sara.author_profile, position=1)
    assert workflow.can_edit(sara, article)
    workflow.submit(article, by=sara)
    assert article.status == S.REVIEW
    assert not workflow.can_edit(sara, article)  # in review: hers no more


def test_return_needs_a_note(people):
    article = article_in(S.REVIEW, people["journalist"])
    with pytest.raises(ValidationError) as error:
        workflow.return_to_author(article, by=people["editor"], note="  ")
    assert "review_note" in error.value.message_dict
    event = workflow.return_to_author(article, by=people["editor"], note="Ajoutez une source.")
    assert event.note == "Ajoutez une source."
    assert Article.objects.get(pk=article.pk).status == S.RETURNED


def test_schedule_rules(people):
    article = article_in(S.REVIEW, people["journalist"])
    editor = people["editor"]
    with pytest.raises(ValidationError):
        workflow.schedule(article, by=editor, at=timezone.now() - timedelta(minutes=1))
    article.unpublish_at = timezone.now() + timedelta(hours=1)
    with pytest.raises(ValidationError):
        workflow.schedule(article, by=editor, at=timezone.now() + timedelta(hours=2))
    at = timezone.now() + timedelta(minutes=30)
    event = workflow.schedule(article, by=editor, at=at)
    article.refresh_from_db()
    assert (article.status, article.publish_at, event.publish_at) == (S.SCHEDULED, at, at)


def test_publish_keeps_an_earlier_date_and_replaces_a_future_one(people):
    editor = people["editor"]
    article = article_in(S.SCHEDULED, people["journalist"])
    before = timezone.now().replace(microsecond=0)
    workflow.publish_now(article, by=editor)
    assert before <= article.publish_at <= timezone.now()
    first = article.publish_at
    workflow.unpublish(article, by=editor)
    workflow.publish_now(article, by=editor)
    assert Article.objects.get(pk=article.pk).publish_at == first


def test_every_human_step_bumps_the_edit_version(people):
    article = article_in(S.DRAFT, people["journalist"])
    workflow.submit(article, by=people["journalist"])
    workflow.publish_now(article, by=people["editor"])
    assert Article.objects.get(pk=article.pk).edit_version == 2


def test_publish_side_effects_run_once_after_commit(people, django_capture_on_commit_callbacks):
    article = article_in(S.REVIEW, people["journalist"])
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.publish_now(article, by=people["editor"])
    assert public_pages_generation() == generation  # nothing before the commit
    for callback in callbacks:
        callback()
    assert public_pages_generation() == generation + 1


def test_unpublish_refreshes_the_public_pages_after_commit(
    people, django_capture_on_commit_callbacks
):
    article = article_in(S.PUBLISHED, people["journalist"])
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=people["editor"])
    assert public_pages_generation() == generation + 1


def test_each_step_keeps_a_revision_naming_the_user(people):
    from reversion.models import Version

    article = article_in(S.DRAFT, people["journalist"])
    workflow.submit(article, by=people["journalist"])
    version = Version.objects.get_for_object(article).first()
    assert version.revision.user == people["journalist"]
    assert version.field_dict["status"] == S.REVIEW


def test_cache_generation_is_created_when_missing():
    cache.delete(GENERATION_KEY)
    first = invalidate_public_pages()
    assert invalidate_public_pages() == first + 1
    assert public_pages_generation() == first + 1


# --- the clock ------------------------------------------------------------------------


def test_scheduled_article_is_visible_exactly_from_its_time_without_any_job():
    at = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(status=S.SCHEDULED, publish_at=at)
    assert article not in Article.objects.published(now=at - timedelta(seconds=1))
    assert article in Article.objects.published(now=at)
    assert not article.is_published(now=at - timedelta(seconds=1))
    assert article.is_published(now=at)


def test_expired_article_leaves_the_site_at_its_time():
    now = timezone.now()
    article = ArticleFactory(
        publish_at=now - timedelta(hours=1), unpublish_at=now + timedelta(hours=1)
    )
    assert article in Article.objects.published(now=now)
    assert article not in Article.objects.published(now=now + timedelta(hours=1))


def test_publish_due_moves_due_articles_once_and_fires_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    due = ArticleFactory(status=S.SCHEDULED, publish_at=now - timedelta(minutes=1))
    later = ArticleFactory(status=S.SCHEDULED, publish_at=now + timedelta(hours=1))
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        first = workflow.publish_due(now=now)
        second = workflow.publish_due(now=now)
    assert first.published == [due.pk]
    assert second.published == []
    assert public_pages_generation() == generation + 1  # the cached pages, once
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == (S.PUBLISHED, S.SCHEDULED)
    event = due.events.get()
    assert (event.action, event.actor, event.from_status) == (
        ArticleEvent.Action.AUTO_PUBLISH,
        None,
        S.SCHEDULED,
    )


def test_publish_due_with_the_clock_moved_forward():
    now = timezone.now()
    article = ArticleFactory(status=S.SCHEDULED, publish_at=now + timedelta(hours=2))
    assert workflow.publish_due(now=now).published == []
    assert workflow.publish_due(now=now + timedelta(hours=2)).published == [article.pk]


def test_publish_due_does_not_bump_the_edit_version():
    article = ArticleFactory(status=S.SCHEDULED, publish_at=timezone.now() - timedelta(seconds=1))
    workflow.publish_due()
    article.refresh_from_db()
    assert (article.status, article.edit_version) == (S.PUBLISHED, 0)


def test_publish_due_expires_and_never_fires_published_for_an_expired_window(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    live = ArticleFactory(publish_at=now - timedelta(days=2), unpublish_at=now - timedelta(days=1))
    never = ArticleFactory(
        status=S.SCHEDULED,
        publish_at=now - timedelta(hours=2),
        unpublish_at=now - timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = workflow.publish_due(now=now)
    assert sorted(result.expired) == sorted([live.pk, never.pk])
    assert result.published == []
    assert not ArticleEvent.objects.filter(action=ArticleEvent.Action.AUTO_PUBLISH).exists()
    assert set(
        Article.objects.filter(pk__in=[live.pk, never.pk]).values_list("status", flat=True)
    ) == {S.UNPUBLISHED}
    assert workflow.publish_due(now=now).expired == []


def test_publish_due_loses_gracefully_to_a_concurrent_run(monkeypatch):
    """Two runs select the same article; the conditional UPDATE lets only one move it."""
    article = ArticleFactory(status=S.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=1))
    assert workflow._system_move(
        article.pk, S.SCHEDULED, S.PUBLISHED, "auto_publish", timezone.now()
    )
    assert not workflow._system_move(
        article.pk, S.SCHEDULED, S.PUBLISHED, "auto_publish", timezone.now()
    )
    assert article.events.count() == 1


def test_publish_due_command_is_idempotent(capsys):
    from django.core.management import call_command

    ArticleFactory(status=S.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=5))
    call_command("publish_due")
    call_command("publish_due")
    out = capsys.readouterr().out
    assert out.count("Published 1") == 1
    assert Article.objects.filter(status=S.SCHEDULED).count() == 0
