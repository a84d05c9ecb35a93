"""Idempotent demo content of every app: sections, authors, ~70 articles, drafts, a scheduled
one, staff (articles, authors), banners (ads/demo.py) and magazine issues (magazine/demo.py).

Run it as often as you like: what exists is kept, what is missing is added.
`--articles N` adds N more generated articles with bulk inserts (for benchmarks).
"""

import random
import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ads.demo import seed_banners
from articles import roles, services
from articles.demo import content
from articles.demo.images import cover_image, portrait
from articles.models import SEARCHED_FIELDS, Article, ArticleAuthor, Section, Tag
from authors.models import Author
from authors.services import author_saved
from core import renditions
from core.sanitizer import sanitize_html
from magazine.demo import seed_issues

DEMO_ARTICLES = 64  # generated published ones, besides the two reference articles
CREDENTIALS_FILE = settings.BASE_DIR / "var" / "demo-credentials.txt"


class Command(BaseCommand):
    help = "Create demo sections, authors, articles and staff accounts (idempotent, offline)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Also make this many extra articles with bulk inserts (benchmarks).",
        )
        parser.add_argument(
            "--allow-production", action="store_true", help="Seed even when DEBUG is off."
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo accounts new passwords and print them.",
        )

    def handle(
        self, *args, articles: int, allow_production: bool, reset_passwords: bool, **options
    ):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like production. Pass --allow-production to seed anyway."
            )
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        self.now = timezone.now()
        with transaction.atomic():
            sections = self.seed_sections()
            authors = self.seed_authors()
            tags = self.seed_tags()
            covers = self.seed_covers(sections)
            self.seed_articles(sections, authors, tags, covers)
            seed_banners(self.stdout)
            seed_issues(self.stdout)
            credentials = self.seed_accounts(authors, reset_passwords)
        if articles:
            self.seed_bulk(articles, sections, authors, covers)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {Section.objects.count()} sections, {Author.objects.count()} authors, "
                f"{Article.objects.count()} articles ({Article.objects.published().count()} published)."
            )
        )
        if credentials:
            self.write_credentials(credentials)

    # --- reference data -------------------------------------------------------------

    def seed_sections(self) -> dict[str, Section]:
        sections = {}
        for position, (slug, ar, fr, _en, _colour) in enumerate(content.SECTIONS):
            section, _ = Section.objects.get_or_create(
                slug=slug,
                defaults={"name_ar": ar, "name_fr": fr, "position": position},
            )
            sections[slug] = section
        return sections

    def seed_authors(self) -> dict[str, Author]:
        authors = {}
        for index, (slug, ar, fr, role_ar, role_fr) in enumerate(content.AUTHORS):
            author = Author.objects.filter(slug=slug).first()
            if author is None:
                author = Author(slug=slug, name_ar=ar, name_fr=fr, role_ar=role_ar, role_fr=role_fr)
                if slug == "sara-elboufi":
                    author.bio_ar, author.bio_fr = content.SARA_BIO_AR, content.SARA_BIO_FR
                    author.website = "https://example.com/sara-elboufi"
                    author.x_url = "https://x.com/example"
                else:
                    author.bio_ar = f"{ar}، {role_ar}، يكتب لجريدتنا منذ سنوات ويتابع عن قرب قضايا الشأن المغربي."
                    author.bio_fr = f"{fr}, {role_fr.lower()}, écrit pour notre journal depuis plusieurs années."
                colour = content.SECTIONS[index % len(content.SECTIONS)][4]
                initials = "".join(part[0] for part in fr.split()[:2])
                author.photo.save(f"{slug}.jpg", portrait(colour, initials), save=False)
                author.save()
                author_saved(author)  # its photo's renditions (authors/services.py)
            authors[slug] = author
        return authors

    def seed_tags(self) -> dict[str, Tag]:
        return {
            slug: Tag.objects.get_or_create(slug=slug, defaults={"name_ar": ar, "name_fr": fr})[0]
            for slug, ar, fr, _en in content.TAGS
        }

    def seed_covers(self, sections) -> dict[str, list[tuple[str, dict]]]:
        """Three shared covers per section (name, rendition manifest), drawn once; their
        renditions made as articles/services.py makes them (core/renditions.py), once per
        picture: the articles sharing a cover share its renditions."""
        covers: dict[str, list[tuple[str, dict]]] = {}
        for slug, *_names, colour in content.SECTIONS:
            covers[slug] = []
            for variant in range(3):
                name = f"demo/covers/{slug}-{variant}.jpg"
                if not default_storage.exists(name):
                    default_storage.save(name, cover_image(colour, seed=variant * 7 + len(slug)))
                manifest = renditions.refresh(
                    default_storage, name, services.COVER_SPECS, services.COVER_FOLDER
                )
                covers[slug].append((name, manifest))
        return covers

    # --- articles --------------------------------------------------------------------

    def seed_articles(self, sections, authors, tags, covers) -> None:
        casablanca = ZoneInfo("Africa/Casablanca")
        self.article(
            title_ar=content.REFERENCE_TITLE,
            title_fr=content.REFERENCE_TITLE_FR,
            lead_ar=content.REFERENCE_LEAD,
            lead_fr=content.REFERENCE_LEAD_FR,
            body_ar=content.REFERENCE_BODY,
            body_fr="".join(
                f"<h2>{h}</h2><p>{p}</p>"
                for h, p in zip(content.SUBHEADINGS_FR, content.PARAGRAPHS_FR, strict=False)
            ),
            section=sections["opinion"],
            authors=[authors["sara-elboufi"]],
            tags=[tags["morocco-france"], tags["security"]],
            cover=covers["opinion"][0],
            publish_at=datetime(2025, 4, 16, 10, 30, tzinfo=casablanca),
            is_featured=False,
        )
        self.article(
            title_ar=content.SAME_SECTION_TITLE,
            lead_ar="المغرب ورش مفتوح على الإصلاح: قراءة في أوراش البنية التحتية والحماية الاجتماعية.",
            body_ar=self.body_ar(3),
            section=sections["opinion"],
            authors=[authors["hicham-ouazzani"]],
            tags=[],
            cover=covers["opinion"][1],
            publish_at=datetime(2025, 4, 30, 14, 52, tzinfo=casablanca),
        )
        section_slugs = [s[0] for s in content.SECTIONS]
        author_list = list(authors.values())
        for i in range(DEMO_ARTICLES):
            rng = random.Random(i)
            section_slug = section_slugs[i % len(section_slugs)]
            event_ar, event_fr = content.EVENTS[section_slug][(i // len(section_slugs)) % 4]
            city_ar, city_fr = content.CITIES[(i * 3 + i // 32) % len(content.CITIES)]
            with_french = i % 3 == 0
            self.article(
                title_ar=event_ar.format(city=city_ar),
                title_fr=event_fr.format(city=city_fr) if with_french else None,
                lead_ar=f"{content.PARAGRAPHS_AR[i % 5]}",
                lead_fr=content.PARAGRAPHS_FR[i % 5] if with_french else None,
                body_ar=self.body_ar(i),
                body_fr=self.body_fr(i) if with_french else None,
                section=sections[section_slug],
                authors=[author_list[(i + k) % len(author_list)] for k in range(1 + (i % 5 == 0))],
                tags=[list(tags.values())[i % len(tags)]] if i % 2 == 0 else [],
                cover=covers[section_slug][i % 3],
                # Spread over the last five months, the newest a couple of hours ago.
                publish_at=self.now
                - timedelta(hours=2 + i * 55 + rng.randint(0, 40), minutes=rng.randint(0, 59)),
                is_featured=i in (0, 9),
                is_breaking=i == 1,
            )
        drafts = [
            ("مسودة: تحقيق حول أسعار المحروقات", Article.Status.DRAFT),
            ("مسودة: حوار مع رئيس جامعة محمد الخامس", Article.Status.DRAFT),
            ("قيد المراجعة: حصيلة الموسم الفلاحي", Article.Status.REVIEW),
        ]
        for title, status in drafts:
            self.article(
                title_ar=title,
                lead_ar=content.PARAGRAPHS_AR[0],
                body_ar=self.body_ar(1),
                section=sections["news"],
                authors=[authors["sara-elboufi"]],
                tags=[],
                cover=None,
                publish_at=None,
                status=status,
            )
        self.article(
            title_ar="مقال مبرمج: افتتاح الموسم الثقافي الجديد",
            title_fr="Programmé : ouverture de la nouvelle saison culturelle",
            lead_ar=content.PARAGRAPHS_AR[2],
            lead_fr=content.PARAGRAPHS_FR[2],
            body_ar=self.body_ar(2),
            body_fr=self.body_fr(2),
            section=sections["culture"],
            authors=[authors["nadia-berrada"]],
            tags=[],
            cover=covers["culture"][2],
            publish_at=self.now + timedelta(days=2),
            status=Article.Status.SCHEDULED,
        )

    def article(
        self,
        *,
        title_ar,
        section,
        authors,
        tags,
        cover,
        publish_at,
        status=Article.Status.PUBLISHED,
        **fields,
    ):
        if Article.objects.filter(title_ar=title_ar).exists():
            return
        article = Article(
            title_ar=title_ar,
            section=section,
            status=status,
            publish_at=publish_at,
            **{k: v for k, v in fields.items() if v is not None},
        )
        if cover:
            article.cover.name, article.cover_renditions = cover
            article.cover_digest = article.cover_renditions.get("digest", "")
            article.cover_width, article.cover_height = 1200, 675
            article.cover_alt_ar = f"صورة توضيحية: {section.name_ar}"
            article.cover_caption_ar = f"صورة من الأرشيف – {section.name_ar}"
            article.cover_credit = "Newsroom"
            if article.title_fr:
                article.cover_alt_fr = f"Illustration : {section.name_fr}"
                article.cover_caption_fr = f"Photo d'archives – {section.name_fr}"
        article.save()
        ArticleAuthor.objects.bulk_create(
            [
                ArticleAuthor(article=article, author=author, position=n)
                for n, author in enumerate(authors)
            ]
        )
        article.tags.set(tags)
        services.article_saved(article)

    @staticmethod
    def body_ar(i: int) -> str:
        return "".join(
            f"<h2>{content.SUBHEADINGS_AR[k]}</h2><p>{content.PARAGRAPHS_AR[(i + k) % 5]} {content.PARAGRAPHS_AR[(i + k + 2) % 5]}</p>"
            for k in range(3)
        )

    @staticmethod
    def body_fr(i: int) -> str:
        return "".join(
            f"<h2>{content.SUBHEADINGS_FR[k]}</h2><p>{content.PARAGRAPHS_FR[(i + k) % 5]} {content.PARAGRAPHS_FR[(i + k + 2) % 5]}</p>"
            for k in range(3)
        )

    def seed_bulk(self, count: int, sections, authors, covers, batch_size: int = 2000) -> None:
        """Bulk articles for benchmarks: slugs `…-bulk-<n>` make re-runs add only what is missing."""
        section_slugs = [s[0] for s in content.SECTIONS]
        author_list = list(authors.values())
        existing = set(
            Article.objects.filter(slug__contains="-bulk-").values_list("slug", flat=True)
        )
        bodies_ar = [sanitize_html(self.body_ar(i)) for i in range(5)]
        bodies_fr = [sanitize_html(self.body_fr(i)) for i in range(5)]
        created = 0
        for start in range(0, count, batch_size):
            batch, byline_authors = [], []
            for i in range(start, min(start + batch_size, count)):
                section_slug = section_slugs[i % len(section_slugs)]
                event_ar, event_fr = content.EVENTS[section_slug][(i // 8) % 4]
                city_ar, city_fr = content.CITIES[(i // 32) % len(content.CITIES)]
                title_ar = event_ar.format(city=city_ar)
                slug = f"{slugify(title_ar, allow_unicode=True)}-bulk-{i}"
                if slug in existing:
                    continue
                with_french = i % 3 == 0
                cover_name, manifest = covers[section_slug][i % 3]
                batch.append(
                    Article(
                        slug=slug,
                        title=title_ar,
                        title_ar=title_ar,
                        title_fr=event_fr.format(city=city_fr) if with_french else None,
                        lead=content.PARAGRAPHS_AR[i % 5],
                        lead_ar=content.PARAGRAPHS_AR[i % 5],
                        lead_fr=content.PARAGRAPHS_FR[i % 5] if with_french else None,
                        body=bodies_ar[i % 5],
                        body_ar=bodies_ar[i % 5],
                        body_fr=bodies_fr[i % 5] if with_french else None,
                        section=sections[section_slug],
                        status=Article.Status.PUBLISHED,
                        # Minutes apart, going back from a day before now: the bulk set sits under the demo.
                        publish_at=self.now - timedelta(days=1, minutes=7 * i),
                        cover=cover_name,
                        cover_renditions=manifest,
                        cover_digest=manifest.get("digest", ""),
                        cover_width=1200,
                        cover_height=675,
                    )
                )
                byline_authors.append(author_list[i % len(author_list)])
            if not batch:
                continue
            with transaction.atomic():
                saved = Article.objects.bulk_create(batch)
                ArticleAuthor.objects.bulk_create(
                    [
                        ArticleAuthor(article=a, author=au, position=0)
                        for a, au in zip(saved, byline_authors, strict=True)
                    ]
                )
                # Their covers come with their renditions (seed_covers): the text is what
                # needs indexing.
                services.articles_updated([a.pk for a in saved], fields=SEARCHED_FIELDS)
            created += len(saved)
        self.stdout.write(f"Bulk articles: {created} created, {len(existing)} already there.")

    # --- staff -----------------------------------------------------------------------

    def seed_accounts(self, authors, reset_passwords: bool) -> list[tuple[str, str, str]]:
        User = get_user_model()
        roles.sync_roles()  # the data migration made them; a flushed test database has not
        accounts = [
            ("admin", roles.ADMINISTRATOR, True, None),
            ("editor", roles.EDITOR, False, "youssef-benali"),
            ("journalist", roles.JOURNALIST, False, "sara-elboufi"),
        ]
        credentials = []
        for username, role, is_superuser, author_slug in accounts:
            user = User.objects.filter(username=username).first()
            if user is not None and not reset_passwords:
                continue
            password = secrets.token_urlsafe(9)
            if user is None:
                user = User(
                    username=username,
                    email=f"{username}@example.com",
                    is_staff=True,
                    is_superuser=is_superuser,
                )
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            if author_slug:
                Author.objects.filter(slug=author_slug, user__isnull=True).update(user=user)
            credentials.append((username, password, role))
        return credentials

    def write_credentials(self, credentials) -> None:
        lines = [
            f"  {role:<14} {username:<11} password: {password}"
            for username, password, role in credentials
        ]
        text = "Demo staff accounts (log in at /admin/):\n" + "\n".join(lines) + "\n"
        self.stdout.write(self.style.WARNING(text))
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.touch(mode=0o600, exist_ok=True)
        CREDENTIALS_FILE.write_text(text, encoding="utf-8")
