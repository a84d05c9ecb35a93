"""The "related articles" block: shared tags first, then same section, then the newest."""

import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def hours_ago(n):
    return timezone.now() - timedelta(hours=n)


@pytest.fixture
def story(db):
    politics, sport = SectionFactory(slug="politics"), SectionFactory(slug="sport")
    morocco, france, security = TagFactory(), TagFactory(), TagFactory()
    article = ArticleFactory(title_ar="القصة", title_fr="L'histoire", section=politics)
    article.tags.set([morocco, france, security])

    def make(title, section, tags, age, **kwargs):
        other = ArticleFactory(title_ar=title, section=section, publish_at=hours_ago(age), **kwargs)
        other.tags.set(tags)
        return other

    return {
        "article": article,
        "three_tags_old": make("ثلاثة وسوم", sport, [morocco, france, security], 90),
        "two_tags_other_section": make("وسمان ركن آخر", sport, [morocco, france], 2),
        "two_tags_same_section": make("وسمان نفس الركن", politics, [france, security], 50),
        "one_tag_new": make("وسم واحد جديد", sport, [security], 1),
        "one_tag_older": make("وسم واحد أقدم", sport, [morocco], 5),
        "no_tag_same_section": make("بلا وسم", politics, [], 1),
        "draft": make(
            "مسودة", politics, [morocco, france, security], 1, status=Article.Status.DRAFT
        ),
    }


def related(client, article, lang="ar"):
    response = client.get(article.get_absolute_url_in(lang))
    assert response.status_code == 200
    return response.context["related"], response.content.decode()


def test_ranked_by_shared_tags_then_section_then_date(client, story):
    shown, _page = related(client, story["article"])
    assert shown == [
        story["three_tags_old"],
        story["two_tags_same_section"],
        story["two_tags_other_section"],
        story["one_tag_new"],
    ]


def test_queryset_method_in_one_query(story, django_assert_num_queries):
    article = story["article"]
    tag_ids = list(article.tags.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        result = list(Article.objects.public("ar").related_to(article, tag_ids, limit=10))
    assert article not in result
    assert story["draft"] not in result
    assert story["no_tag_same_section"] not in result  # that is the same-section widget's job
    assert [a.shared_tags for a in result] == [3, 2, 2, 1, 1]


def test_only_articles_of_the_edition(client, story):
    fr = ArticleFactory(title_ar="مزدوج", title_fr="Aussi en français")
    fr.tags.set(story["article"].tags.all())
    shown, page = related(client, story["article"], "fr")
    assert shown == [fr]
    assert "Aussi en français" in page


def test_block_markup(client, story):
    _shown, page = related(client, story["article"])
    assert '<section class="related" aria-labelledby="related-title">' in page
    assert '<bdi lang="ar" dir="rtl">ثلاثة وسوم</bdi>' in page


def test_no_tags_no_block_and_no_query(client, django_assert_num_queries):
    article = ArticleFactory(title_ar="بلا وسوم")
    ArticleFactory(section=article.section)
    shown, page = related(client, article)
    assert shown == []
    assert 'class="related"' not in page


def test_thumbnails_have_their_size(client, story):
    from tests.factories import image_upload

    with_cover = ArticleFactory(
        title_ar="بصورة", cover=image_upload(size=(640, 360)), cover_alt_ar="ميناء طنجة"
    )
    with_cover.tags.set(story["article"].tags.all())
    _shown, page = related(client, story["article"])
    card = with_cover.cover_renditions["specs"]["card"]
    assert [(entry["w"], entry["h"]) for entry in card] == [(320, 180), (480, 270), (640, 360)]
    src = default_storage.url(card[1]["jpeg"])
    assert f'src="{src}"' in page
    (img,) = re.findall(rf'<img [^>]*src="{re.escape(src)}"[^>]*>', page)
    assert 'width="480" height="270"' in img
    assert 'alt="ميناء طنجة"' in img  # the cover's alt text
    assert 'loading="lazy"' in img
    assert "srcset=" in img
