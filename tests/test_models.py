from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


class TestSlugs:
    def test_arabic_title_gives_arabic_slug(self):
        article = ArticleFactory(title_ar="الشراكة الأمنية بين المغرب وفرنسا")
        assert article.slug == "الشراكة-الأمنية-بين-المغرب-وفرنسا"

    def test_french_only_article_slug_from_french_title(self):
        article = ArticleFactory(title_ar=None, title_fr="Élections : le débat s'ouvre à Fès")
        assert article.slug == "élections-le-débat-souvre-à-fès"

    def test_arabic_collisions_get_numbered_suffixes(self):
        first = ArticleFactory(title_ar="خبر عاجل")
        second = ArticleFactory(title_ar="خبر عاجل")
        third = ArticleFactory(title_ar="خبر عاجل")
        assert [first.slug, second.slug, third.slug] == ["خبر-عاجل", "خبر-عاجل-2", "خبر-عاجل-3"]

    def test_french_collisions_get_numbered_suffixes(self):
        slugs = [ArticleFactory(title_ar=None, title_fr="Météo du jour").slug for _ in range(2)]
        assert slugs == ["météo-du-jour", "météo-du-jour-2"]

    def test_prefix_of_another_slug_is_not_a_collision(self):
        ArticleFactory(title_ar="مغرب اليوم")
        assert ArticleFactory(title_ar="مغرب").slug == "مغرب"

    def test_slug_is_kept_when_title_changes(self):
        article = ArticleFactory(title_ar="عنوان أول")
        article.title_ar = "عنوان معدل"
        article.save()
        article.refresh_from_db()
        assert article.slug == "عنوان-أول"

    def test_very_long_title_fits_the_slug_column(self):
        article = ArticleFactory(title_ar=("كلمة " * 50).strip())
        assert len(article.slug) <= 255

    def test_author_slug_prefers_latin_name(self):
        assert AuthorFactory(name_ar="سارة البوفي", name_fr="Sara Elboufi").slug == "sara-elboufi"


class TestVisibility:
    def test_published_in_the_past_is_public(self):
        article = ArticleFactory()
        assert list(Article.objects.published()) == [article]
        assert article.is_published()

    @pytest.mark.parametrize(
        "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.UNPUBLISHED]
    )
    def test_unpublished_statuses_are_hidden(self, status):
        ArticleFactory(status=status)
        assert not Article.objects.published().exists()

    def test_scheduled_article_appears_when_its_time_comes(self):
        now = timezone.now()
        article = ArticleFactory(
            status=Article.Status.SCHEDULED, publish_at=now + timedelta(hours=2)
        )
        assert not Article.objects.published(now=now).exists()
        assert not article.is_published(now=now)
        later = now + timedelta(hours=2, seconds=1)
        assert list(Article.objects.published(now=later)) == [article]
        assert article.is_published(now=later)

    def test_published_status_with_future_time_waits(self):
        now = timezone.now()
        ArticleFactory(publish_at=now + timedelta(minutes=5))
        assert not Article.objects.published(now=now).exists()

    def test_expired_article_leaves_the_site(self):
        now = timezone.now()
        article = ArticleFactory(
            publish_at=now - timedelta(days=1), unpublish_at=now + timedelta(hours=1)
        )
        assert Article.objects.published(now=now).get() == article
        assert not Article.objects.published(now=now + timedelta(hours=1)).exists()

    def test_live_status_needs_a_publication_time_in_the_database(self):
        article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


class TestLanguages:
    def test_in_language_uses_the_title_of_that_language(self):
        arabic_only = ArticleFactory()
        both = ArticleFactory(title_fr="Les deux éditions")
        assert set(Article.objects.in_language("ar")) == {arabic_only, both}
        assert list(Article.objects.in_language("fr")) == [both]
        with pytest.raises(ValueError, match="Unknown language"):
            Article.objects.in_language("en")  # not an edition of the site

    def test_empty_title_counts_as_missing(self):
        ArticleFactory(title_fr="")
        assert not Article.objects.in_language("fr").exists()

    def test_unknown_language_is_refused(self):
        with pytest.raises(ValueError, match="xx"):
            Article.objects.in_language("xx")

    def test_article_text_never_falls_back_to_arabic(self):
        article = ArticleFactory(title_ar="عنوان عربي")
        from django.utils import translation

        with translation.override("fr"):
            fresh = Article.objects.get(pk=article.pk)
            assert not fresh.title
            assert not fresh.body
            assert fresh.available_languages() == ["ar"]

    def test_section_name_falls_back_to_arabic(self):
        section = SectionFactory(name_ar="رياضة", name_fr=None)
        from django.utils import translation

        with translation.override("fr"):
            assert Section.objects.get(pk=section.pk).name == "رياضة"


def test_section_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    article = ArticleFactory()
    with pytest.raises(ProtectedError):
        article.section.delete()


def test_authors_keep_their_byline_order():
    first, second = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[second, first])
    assert article.ordered_authors() == [second, first]


def test_body_is_sanitized_on_save():
    article = ArticleFactory(body_ar='<p onclick="x()">نص</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body_ar == "<p>نص</p>"
