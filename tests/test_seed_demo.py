import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleAuthor, Section, Tag
from authors.models import Author

pytestmark = pytest.mark.django_db


def counts():
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "articles": Article.objects.count(),
        "bylines": ArticleAuthor.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_seed_demo_matches_the_brief_and_twice_gives_the_same_counts(capsys, settings, tmp_path):
    """Two runs in one test (seed_demo costs seconds): the second adds nothing and prints no
    new credentials, and the content is what the brief asks for."""
    settings.BASE_DIR = tmp_path
    call_command("seed_demo", allow_production=True)
    first_output = capsys.readouterr().out
    first = counts()
    call_command("seed_demo", allow_production=True)
    second_output = capsys.readouterr().out
    assert counts() == first
    # Credentials are printed once, when the accounts are made.
    assert "password:" in first_output
    assert "password:" not in second_output

    assert Section.objects.count() == 8
    assert set(Section.objects.values_list("slug", flat=True)) >= {
        "news",
        "politics",
        "economy",
        "society",
        "sport",
        "culture",
        "international",
        "opinion",
    }
    assert Section.objects.exclude(name_fr="").filter(name_fr__isnull=False).count() == 8
    assert Author.objects.count() >= 8
    sara = Author.objects.get(slug="sara-elboufi")
    assert sara.name_ar == "سارة البوفي"
    assert sara.name_fr == "Sara Elboufi"
    assert "صدى الصحف" in sara.bio_ar
    published = Article.objects.published()
    assert published.count() >= 60
    french = published.in_language("fr").count()
    assert published.count() / 4 < french < published.count() / 2
    reference = Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")
    from django.utils import timezone

    assert timezone.localtime(reference.publish_at).date().isoformat() == "2025-04-16"
    assert reference.body_ar.count("<h2>") == 5
    assert list(reference.ordered_authors()) == [sara]
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 2
    scheduled = Article.objects.get(status=Article.Status.SCHEDULED)
    assert scheduled.publish_at > timezone.now()
    assert all(a.cover for a in published)
    User = get_user_model()
    assert User.objects.get(username="journalist").groups.filter(name="Journalist").exists()
    assert User.objects.get(username="editor").groups.filter(name="Editor").exists()


def test_bulk_articles_are_added_once():
    call_command("seed_demo", allow_production=True, articles=40)
    after_first = Article.objects.count()
    call_command("seed_demo", allow_production=True, articles=40)
    assert Article.objects.count() == after_first
    assert Article.objects.filter(slug__contains="-bulk-").count() == 40
    assert ArticleAuthor.objects.filter(article__slug__contains="-bulk-").count() == 40


def test_seed_demo_refuses_production_without_flag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
