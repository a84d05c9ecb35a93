"""The reader's pages, in each edition: what they show, and what they refuse to show."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.world import reference_world

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def reference(db):
    """The reference article: Sara Elboufi, 16 April 2025, Arabic and French."""
    return reference_world().article


class TestEditionChooser:
    def test_root_sends_arabic_by_default(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/ar/"

    def test_root_follows_the_browser_language(self, client):
        ArticleFactory(title_fr="Titre")  # `/` never sends anyone to an empty edition
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/fr/"
        assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/ar/"


class TestHome:
    def test_lead_story_is_the_newest_featured(self, client):
        featured = ArticleFactory(is_featured=True, publish_at=timezone.now() - timedelta(days=2))
        ArticleFactory(title_ar="أحدث خبر")
        response = client.get("/ar/")
        assert response.context["lead"] == featured
        assert "أحدث خبر" in html(response)

    def test_only_articles_of_that_edition(self, client):
        ArticleFactory(title_ar="خبر بالعربية فقط")
        ArticleFactory(title_ar="خبر مزدوج", title_fr="Article bilingue")
        french = html(client.get("/fr/"))
        assert "Article bilingue" in french
        assert "خبر بالعربية فقط" not in french
        assert "خبر مزدوج" not in french  # never Arabic text on a French page
        arabic = html(client.get("/ar/"))
        assert "خبر بالعربية فقط" in arabic
        assert "Article bilingue" not in arabic

    def test_drafts_and_future_articles_are_not_listed(self, client):
        ArticleFactory(title_ar="مسودة سرية", status=Article.Status.DRAFT, publish_at=None)
        ArticleFactory(
            title_ar="مبرمج لاحقا",
            status=Article.Status.SCHEDULED,
            publish_at=timezone.now() + timedelta(hours=1),
        )
        page = html(client.get("/ar/"))
        assert "مسودة سرية" not in page
        assert "مبرمج لاحقا" not in page

    def test_a_block_per_section_with_its_latest(self, client):
        sport = SectionFactory(name_ar="رياضة")
        culture = SectionFactory(name_ar="ثقافة")
        # 30 articles, created in an order unrelated to their publication times: the lead,
        # 4 top stories and 12 "just in" take the 17 newest, the blocks the next per section.
        for n in [(7 * i) % 30 for i in range(30)]:
            ArticleFactory(
                section=sport if n % 2 else culture,
                publish_at=timezone.now() - timedelta(hours=n + 1),
            )
        response = client.get("/ar/")
        blocks = dict(response.context["section_blocks"])
        assert set(blocks) == {sport, culture}
        shown = {
            response.context["lead"],
            *response.context["top_stories"],
            *response.context["newest"],
        }
        assert len(shown) == 17
        for articles in blocks.values():
            assert len(articles) == 4
            assert not shown & set(articles)
            assert articles == sorted(articles, key=lambda a: a.publish_at, reverse=True)

    def test_a_section_absent_from_the_newest_articles_has_no_block(self, client, settings):
        settings.NEWSROOM_HOME_CANDIDATES = 6
        lively, quiet = SectionFactory(name_ar="حي"), SectionFactory(name_ar="هادئ")
        for n in range(30):
            ArticleFactory(section=lively, publish_at=timezone.now() - timedelta(hours=n + 1))
        ArticleFactory(section=quiet, publish_at=timezone.now() - timedelta(days=31))
        blocks = dict(client.get("/ar/").context["section_blocks"])
        assert lively in blocks
        assert quiet not in blocks
        settings.NEWSROOM_HOME_CANDIDATES = 100
        assert quiet in dict(client.get("/ar/").context["section_blocks"])

    def test_empty_edition_says_so(self, client):
        response = client.get("/fr/")
        assert response.status_code == 200
        assert response.context["lead"] is None

    def test_html_direction_per_edition(self, client):
        assert '<html lang="ar" dir="rtl">' in html(client.get("/ar/"))
        assert '<html lang="fr" dir="ltr">' in html(client.get("/fr/"))
        assert client.get("/en/").status_code == 404  # English is not an edition


class TestArticlePage:
    def test_shows_every_part_of_the_reference_page(self, client, reference):
        response = client.get(reference.get_absolute_url_in("ar"))
        page = html(response)
        assert response.status_code == 200
        assert (
            '<h1 id="article-title" class="article-title">الشراكة الأمنية بين المغرب وفرنسا</h1>'
            in page
        )
        assert "<h2>شراكة استراتيجية موثوقة</h2>" in page
        assert "مقدمة عربية." in page
        assert "الأربعاء 16 أبريل 2025 - 14:52" in page
        assert 'datetime="2025-04-16T14:52:00+01:00"' in page
        # Author box: both scripts, role, short bio, link to the author page.
        assert "سارة البوفي" in page
        assert "Sara Elboufi" in page
        assert "كاتبة وصحفية" in page
        assert "اعرف المزيد عن هذا الكاتب" in page
        assert reference.ordered_authors()[0].get_absolute_url() in page
        # Breadcrumbs home > section.
        assert 'href="/ar/sections/opinion/"' in page

    def test_french_edition_shows_french_text(self, client, reference):
        page = html(client.get(reference.get_absolute_url_in("fr")))
        assert "Le partenariat sécuritaire Maroc-France" in page
        assert "mercredi 16 avril 2025 - 14:52" in page
        assert "مقدمة عربية." not in page
        assert "En savoir plus sur cet auteur" in page

    def test_cover_has_dimensions_caption_and_credit(self, client, settings):
        from tests.factories import image_upload

        article = ArticleFactory(
            cover=image_upload("c.jpg", size=(800, 450)),
            cover_alt_ar="وصف الصورة",
            cover_caption_ar="تعليق الصورة",
            cover_credit="وكالة",
        )
        page = html(client.get(article.get_absolute_url()))
        # The 640-wide rendition (the 960 one would be an upscale of this 800×450 cover).
        (img,) = re.findall(r'<figure class="article-cover">\s*<picture>.*?(<img [^>]*>)', page)
        assert 'width="640" height="360"' in img
        assert 'alt="وصف الصورة"' in img
        assert 'fetchpriority="high"' in img
        assert 'loading="eager"' in img
        assert article.cover.url not in page
        assert "تعليق الصورة" in page
        assert "وكالة" in page

    def test_updated_line_only_when_edited_after_publication(self, client):
        article = ArticleFactory()
        assert "تم التحديث" not in html(client.get(article.get_absolute_url()))
        Article.objects.filter(pk=article.pk).update(
            content_updated_at=article.publish_at + timedelta(hours=3)
        )
        assert "تم التحديث" in html(client.get(article.get_absolute_url()))

    def test_tags_are_linked(self, client):
        tag = TagFactory(name_ar="الأمن")
        article = ArticleFactory()
        article.tags.add(tag)
        page = html(client.get(article.get_absolute_url()))
        assert f'href="{tag.get_absolute_url()}"' in page

    @pytest.mark.parametrize(
        ("status", "when"),
        [
            (Article.Status.DRAFT, None),
            (Article.Status.REVIEW, None),
            (Article.Status.SCHEDULED, timedelta(hours=3)),
            (Article.Status.UNPUBLISHED, timedelta(hours=-3)),
        ],
    )
    def test_unpublished_articles_answer_404(self, client, status, when):
        article = ArticleFactory(status=status, publish_at=timezone.now() + when if when else None)
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_expired_article_answers_404(self, client):
        article = ArticleFactory(
            publish_at=timezone.now() - timedelta(days=2),
            unpublish_at=timezone.now() - timedelta(minutes=1),
        )
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_article_missing_in_this_edition_is_404_with_a_way_out(self, client):
        article = ArticleFactory(title_ar="عربي فقط")
        response = client.get(article.get_absolute_url_in("fr"))
        assert response.status_code == 404
        page = html(response)
        assert "عربي فقط" not in page
        assert article.get_absolute_url_in("ar") in page

    def test_unknown_slug_is_404(self, client):
        assert client.get("/ar/articles/لا-يوجد/").status_code == 404
        assert client.get("/fr/articles/n-existe-pas/").status_code == 404


class TestSameSectionWidget:
    def test_only_same_section_published_other_articles_newest_first(self, client):
        section = SectionFactory()
        now = timezone.now()
        current = ArticleFactory(section=section, publish_at=now - timedelta(hours=5))
        older = ArticleFactory(section=section, publish_at=now - timedelta(days=3))
        newer = ArticleFactory(section=section, publish_at=now - timedelta(hours=1))
        ArticleFactory(section=section, status=Article.Status.DRAFT, publish_at=None)
        ArticleFactory(
            section=section, status=Article.Status.SCHEDULED, publish_at=now + timedelta(hours=1)
        )
        ArticleFactory(section=section, title_ar=None, title_fr="Seulement en français")
        ArticleFactory()  # another section
        response = client.get(current.get_absolute_url())
        assert response.context["same_section"] == [newer, older]
        page = html(response)
        assert "في نفس الركن" in page
        assert 'aria-roledescription="شريط متحرك"' in page
        assert "data-carousel-prev" in page
        assert "data-carousel-next" in page

    def test_items_show_date_time_thumbnail_title(self, client):
        from tests.factories import image_upload

        section = SectionFactory()
        current = ArticleFactory(section=section)
        ArticleFactory(
            section=section,
            title_ar="المغرب ورش مفتوح",
            cover=image_upload(size=(960, 540)),
            publish_at=datetime(2025, 4, 30, 14, 52, tzinfo=CASABLANCA),
        )
        page = html(client.get(current.get_absolute_url()))
        track = page[page.index('class="carousel-track"') :]
        assert "الأربعاء 30 أبريل 2025 - 14:52" in track
        assert "المغرب ورش مفتوح" in track
        assert 'width="480" height="270"' in track

    def test_widget_is_absent_when_the_section_has_nothing_else(self, client):
        article = ArticleFactory()
        assert "data-carousel" not in html(client.get(article.get_absolute_url()))


class TestSectionPage:
    def test_grouped_by_day_with_times_newest_first(self, client):
        section = SectionFactory(slug="sport")
        day1 = datetime(2025, 4, 16, 9, 5, tzinfo=CASABLANCA)
        day2 = datetime(2025, 4, 17, 14, 52, tzinfo=CASABLANCA)
        a = ArticleFactory(section=section, publish_at=day1)
        b = ArticleFactory(section=section, publish_at=day1 + timedelta(hours=3))
        c = ArticleFactory(section=section, publish_at=day2)
        response = client.get("/ar/sections/sport/")
        days = response.context["days"]
        assert [d.date.isoformat() for d in days] == ["2025-04-17", "2025-04-16"]
        assert days[0].articles == [c]
        assert days[1].articles == [b, a]
        page = html(response)
        assert "الخميس 17 أبريل 2025" in page
        assert ">14:52</time>" in page
        assert ">09:05</time>" in page

    def test_a_day_boundary_follows_casablanca_time(self, client):
        section = SectionFactory(slug="news")
        # 23:30 UTC on 15 April is 00:30 on the 16th in Casablanca (UTC+1).
        ArticleFactory(
            section=section, publish_at=datetime(2025, 4, 15, 23, 30, tzinfo=ZoneInfo("UTC"))
        )
        days = client.get("/ar/sections/news/").context["days"]
        assert days[0].date.isoformat() == "2025-04-16"

    def test_paginated(self, client):
        section = SectionFactory(slug="eco")
        for n in range(25):
            ArticleFactory(section=section, publish_at=timezone.now() - timedelta(hours=n + 1))
        first = client.get("/ar/sections/eco/")
        assert len(first.context["page"].object_list) == 20
        assert 'rel="next"' in html(first)
        second = client.get("/ar/sections/eco/?page=2")
        assert len(second.context["page"].object_list) == 5

    @pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "1.5", "99999999999"])
    def test_bad_page_numbers_are_404(self, client, page):
        section = SectionFactory(slug="eco")
        ArticleFactory(section=section)
        assert client.get(f"/ar/sections/eco/?page={page}").status_code == 404

    def test_inactive_or_unknown_section_is_404(self, client):
        SectionFactory(slug="old", is_active=False)
        assert client.get("/ar/sections/old/").status_code == 404
        assert client.get("/ar/sections/nothing/").status_code == 404

    def test_section_name_falls_back_but_articles_do_not(self, client):
        section = SectionFactory(slug="maroc", name_ar="المغرب", name_fr=None)
        ArticleFactory(section=section, title_ar="خبر عربي")
        page = html(client.get("/fr/sections/maroc/"))
        assert "المغرب" in page
        assert "خبر عربي" not in page


class TestAuthorPage:
    def test_shows_profile_and_articles_of_the_edition(self, client, reference):
        sara = reference.ordered_authors()[0]
        sara.x_url = "https://x.com/sara"
        sara.save()
        ArticleFactory(title_ar="مقال آخر لسارة", authors=[sara])
        ArticleFactory(title_ar="مقال لغيرها")
        response = client.get(sara.get_absolute_url())
        page = html(response)
        assert "سارة البوفي" in page
        assert "Sara Elboufi" in page
        assert "بالمؤسسة الإعلامية الرسالة" in page
        assert 'href="https://x.com/sara"' in page
        listed = {a.title_ar for a in response.context["page"].object_list}
        assert listed == {"مقال آخر لسارة", reference.title_ar}
        french = client.get(f"/fr/authors/{sara.slug}/")
        assert [a.pk for a in french.context["page"].object_list] == [reference.pk]
        assert "Journaliste au groupe Arrissala." in html(french)
        assert "بالمؤسسة الإعلامية الرسالة" not in html(french)

    def test_unknown_or_inactive_author_is_404(self, client):
        AuthorFactory(slug="gone", is_active=False)
        assert client.get("/ar/authors/gone/").status_code == 404
        assert client.get("/ar/authors/nobody/").status_code == 404


class TestArchive:
    @pytest.fixture
    def april(self, db):
        return [
            ArticleFactory(
                title_ar="خبر 15 أبريل", publish_at=datetime(2025, 4, 15, 10, 0, tzinfo=CASABLANCA)
            ),
            ArticleFactory(
                title_ar="خبر 16 أبريل", publish_at=datetime(2025, 4, 16, 14, 52, tzinfo=CASABLANCA)
            ),
            ArticleFactory(
                title_ar="خبر 2 ماي", publish_at=datetime(2025, 5, 2, 8, 0, tzinfo=CASABLANCA)
            ),
            ArticleFactory(
                title_ar="خبر 2024", publish_at=datetime(2024, 12, 31, 23, 30, tzinfo=CASABLANCA)
            ),
        ]

    def test_year(self, client, april):
        response = client.get("/ar/archive/2025/")
        assert response.status_code == 200
        assert [(m.month, n) for m, n in response.context["months"]] == [(4, 2), (5, 1)]
        assert response.context["previous"].year == 2024
        assert response.context["following"] is None
        page = html(response)
        assert "أبريل 2025" in page
        assert "ماي 2025" in page

    def test_month(self, client, april):
        response = client.get("/ar/archive/2025/04/")
        titles = [a.title_ar for d in response.context["days"] for a in d.articles]
        assert titles == ["خبر 16 أبريل", "خبر 15 أبريل"]
        assert 'href="/ar/archive/2024/12/"' in html(response)
        assert 'href="/ar/archive/2025/05/"' in html(response)

    def test_day(self, client, april):
        response = client.get("/ar/archive/2025/04/16/")
        assert [a.title_ar for d in response.context["days"] for a in d.articles] == [
            "خبر 16 أبريل"
        ]
        page = html(response)
        assert "الأربعاء 16 أبريل 2025" in page
        assert 'href="/ar/archive/2025/04/15/"' in page
        assert 'href="/ar/archive/2025/05/02/"' in page

    def test_a_period_without_articles_is_a_page_leading_to_the_nearest_ones(self, client, april):
        response = client.get("/ar/archive/2025/02/")
        assert response.status_code == 200
        assert response.context["days"] == []
        assert response.context["previous"] == date(2024, 12, 1)
        assert response.context["following"] == date(2025, 4, 1)

    @pytest.mark.parametrize("page", ["last", "2", "0", "٢"])
    def test_pages_that_do_not_exist_are_404(self, client, april, page):
        assert client.get(f"/ar/archive/2025/04/?page={page}").status_code == 404

    def test_french_archive(self, client, april):
        assert "avril 2025" in html(client.get("/fr/archive/2025/04/"))

    @pytest.mark.parametrize(
        "path", ["2025/13/", "2025/02/30/", "2025/00/", "0/", "99999/", "2025/04/31/", "1800/"]
    )
    def test_bad_dates_are_404(self, client, path):
        assert client.get(f"/ar/archive/{path}").status_code == 404


class TestHeaderAndFooter:
    def test_latest_news_strip_and_sections_menu(self, client):
        section = SectionFactory(name_ar="اقتصاد")
        ArticleFactory(title_ar="عنوان عاجل", is_breaking=True, section=section)
        page = html(client.get("/ar/"))
        assert "آخر الأخبار" in page
        assert '<bdi lang="ar" dir="rtl">عنوان عاجل</bdi>' in page
        assert "اقتصاد" in page
        assert "site-footer" in page

    def test_skip_link_and_landmarks(self, client):
        page = html(client.get("/ar/"))
        assert 'class="skip-link" href="#main"' in page
        assert '<main id="main"' in page
        assert "<header" in page
        assert "<footer" in page


class TestErrorPages:
    def test_404_page_per_language(self, client):
        arabic = client.get("/ar/no-such-page/")
        assert arabic.status_code == 404
        assert '<html lang="ar" dir="rtl">' in html(arabic)
        assert "الصفحة غير موجودة" in html(arabic)
        french = client.get("/fr/no-such-page/")
        assert '<html lang="fr" dir="ltr">' in html(french)
        assert "Page introuvable" in html(french)

    def test_500_page_per_language_without_database(self, rf, django_assert_num_queries):
        from django.utils import translation

        from newsroom.views import server_error

        for code, direction, text in [
            ("ar", "rtl", "حدث خطأ من جهتنا"),
            ("fr", "ltr", "Une erreur s'est produite"),
        ]:
            with translation.override(code), django_assert_num_queries(0):
                response = server_error(rf.get(f"/{code}/"))
            body = response.content.decode()
            assert response.status_code == 500
            assert f'<html lang="{code}" dir="{direction}">' in body
            assert text in body

    def test_an_exception_in_a_view_renders_the_500_page(self, client, monkeypatch):
        import newsroom.views

        def boom(request):
            raise RuntimeError("boom")

        monkeypatch.setattr(newsroom.views, "Article", None)
        client.raise_request_exception = False
        response = client.get("/fr/")
        assert response.status_code == 500
        assert "Une erreur s'est produite" in html(response)
