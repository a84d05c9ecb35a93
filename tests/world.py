"""One test world: the reference article of 16 April 2025 and its neighbours.

The reader pages, SEO head, feeds, sitemaps, search and HTML-validity tests all read the same
story: Sara Elboufi's "الشراكة الأمنية بين المغرب وفرنسا" / "Le partenariat sécuritaire
Maroc-France", in the Opinion section, tagged Security, published on Wednesday 16 April 2025
at 14:52 in Casablanca (13:52 UTC), in the Arabic and the French editions.

A test changes only what it is about: `reference_world(lead_fr="Chapô <français>.")` for
escaping, `authors=("sara", "youssef")` for a second byline, `cover=True` for a picture,
`neighbours=3` for other articles of the same section and author on the same day (even ones
Arabic only, odd ones in both editions). Every other value is the reference's.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from articles.models import Article, Section, Tag
from authors.models import Author
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory, image_upload

CASABLANCA = ZoneInfo("Africa/Casablanca")
REFERENCE_PUBLISHED = datetime(2025, 4, 16, 14, 52, tzinfo=CASABLANCA)
REFERENCE_TITLE_AR = "الشراكة الأمنية بين المغرب وفرنسا"
REFERENCE_TITLE_FR = "Le partenariat sécuritaire Maroc-France"

PEOPLE = {
    "sara": {
        "name_ar": "سارة البوفي",
        "name_fr": "Sara Elboufi",
        "role_ar": "كاتبة وصحفية",
        "role_fr": "Journaliste",
        "bio_ar": "سارة البوفي كاتبة وصحفية بالمؤسسة الإعلامية الرسالة",
        "bio_fr": "Journaliste au groupe Arrissala.",
    },
    "youssef": {
        "name_ar": "يوسف بنعلي",
        "name_fr": "Youssef Benali",
        "role_ar": "صحفي",
        "role_fr": "Journaliste",
    },
}


@dataclass(frozen=True)
class ReferenceWorld:
    article: Article
    section: Section
    tag: Tag
    authors: tuple[Author, ...]
    neighbours: tuple[Article, ...]

    @property
    def sara(self) -> Author:
        return self.authors[0]


def reference_world(
    *,
    authors: tuple[str, ...] = ("sara",),
    cover: bool = False,
    neighbours: int = 0,
    **fields,
) -> ReferenceWorld:
    """The reference article (fields override its own), its section, tag, authors, neighbours."""
    section = SectionFactory(slug="opinion", name_ar="رأي", name_fr="Opinion")
    tag = TagFactory(slug="security", name_ar="الأمن", name_fr="Sécurité")
    people = tuple(AuthorFactory(slug=slug, **PEOPLE[slug]) for slug in authors)
    values = {
        "title_ar": REFERENCE_TITLE_AR,
        "title_fr": REFERENCE_TITLE_FR,
        "lead_ar": "مقدمة عربية.",
        "lead_fr": "Chapô français.",
        "body_ar": "<p>مدخل</p><h2>شراكة استراتيجية موثوقة</h2><p>نص</p>",
        "body_fr": "<h2>Un partenariat fiable</h2><p>Texte</p>",
        "section": section,
        "publish_at": REFERENCE_PUBLISHED,
    }
    if cover:
        values["cover"] = image_upload(size=(640, 360))
    article = ArticleFactory(**(values | fields), authors=list(people))
    article.tags.add(tag)
    others = tuple(
        ArticleFactory(
            title_ar=f"خبر مجاور {n}",
            title_fr=f"Article voisin {n}" if n % 2 else "",
            section=section,
            authors=[people[0]],
            publish_at=article.publish_at - timedelta(hours=n + 1),
        )
        for n in range(neighbours)
    )
    return ReferenceWorld(article, section, tag, people, others)
