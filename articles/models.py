import secrets
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.editions import LANGUAGE_CODES, current_language
from core.fields import CleanImageField
from core.images import validate_image
from core.sanitizer import sanitize_html, strip_bidi_from
from core.slugs import unique_slug
from core.storage import UniqueName
from core.urls import slug_url

# The languages the database stores text in (a column each), offered or not.
STORED_LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
# The text search indexes (articles/search.py); changing any of them refreshes the index
# (articles/services.py).
SEARCHED_FIELDS = frozenset({"title", "lead", "body"})
# Long text that listings never show (see ArticleQuerySet.for_listing).
LISTING_DEFERRED = ("body", *(f"body_{code}" for code in STORED_LANGUAGES))
# What listings, feeds and widgets read of an article (ArticleQuerySet.for_listing): these
# columns, and the edition's own version of LISTING_TRANSLATED.
LISTING_COLUMNS = (
    "id",
    "slug",
    "section",
    "status",
    "publish_at",
    "unpublish_at",
    "content_updated_at",
    "cover",
    "cover_renditions",
    "cover_width",
    "cover_height",
    "cover_credit",
    "is_featured",
    "is_breaking",
)
LISTING_TRANSLATED = ("title", "lead", "cover_caption", "cover_alt")
# The "related articles" block ranks the newest articles sharing a tag, this many at most.
RELATED_CANDIDATES = 200
# What in_language() tests, in every stored language: carried by the listing indexes.
PUBLIC_TITLE_COLUMNS = tuple(f"title_{code}" for code in STORED_LANGUAGES)


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Section(models.Model):
    """A rubrique: the site's menu entries and the home page's blocks."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True, blank=True)
    position = models.PositiveSmallIntegerField(_("menu position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        strip_bidi_from(self, ("name", "description"), STORED_LANGUAGES)
        if not self.slug:
            self.slug = unique_slug(self, self.name_fr or self.name_ar or "", fallback="section")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:section", self.slug)


class TagQuerySet(models.QuerySet):
    def with_public_articles(self, code: str | None = None):
        """Tags readers may see in edition `code`: those with at least one public article
        there. A tag is free text any journalist types: until an article carrying it is
        published, its name is unreviewed and has no page, feed or sitemap entry."""
        public = Article.objects.public(code).filter(tags=models.OuterRef("pk"))
        return self.filter(models.Exists(public))


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True, blank=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.slug

    def clean(self):
        super().clean()
        if not any(getattr(self, f"name_{code}", "") for code in LANGUAGE_CODES):
            raise ValidationError(_("Give the tag a name in at least one language."))

    def save(self, *args, **kwargs):
        strip_bidi_from(self, ("name",), STORED_LANGUAGES)
        if not self.slug:
            self.slug = unique_slug(self, self.name_ar or self.name_fr or "", fallback="tag")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:tag", self.slug)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: published, or scheduled whose time has come; not expired.

        A scheduled article goes live by this query alone, with no cron job.
        """
        now = now or timezone.now()
        return self.filter(
            status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED),
            publish_at__lte=now,
        ).filter(Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now))

    def in_language(self, code: str | None = None):
        """Articles that exist in that edition: their title is set in that language."""
        code = code or current_language()
        if code not in LANGUAGE_CODES:
            raise ValueError(f"Unknown language {code!r}")
        return self.exclude(**{f"title_{code}__isnull": True}).exclude(**{f"title_{code}": ""})

    def public(self, code: str | None = None):
        """Published and written in the reader's edition: the base of every public listing."""
        return self.published().in_language(code)

    def newest(self):
        return self.order_by("-publish_at", "-id")

    def for_listing(self, code: str | None = None):
        """What a listing card shows (section label), joined in the same query.

        Only the columns listings read, and of the translated text only edition `code`'s
        (default: the current one): bodies are the bulk of a row and no listing shows them,
        and every translated field is stored three times (bare, _ar, _fr), each a column
        to compile, transfer and decode.
        """
        code = code or current_language()
        translated = (f"{name}_{code}" for name in LISTING_TRANSLATED)
        return self.select_related("section").only(*LISTING_COLUMNS, *translated)

    def with_authors(self):
        """Bylines and their authors, prefetched in one more query whatever the count."""
        return self.prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "id"),
            )
        )

    def latest_per_section(self, section_ids, per_section: int = 4, *, since=None):
        """The newest `per_section` articles of each section of `section_ids` (home page
        blocks), published at `since` or later, in one query whose cost does not grow with
        the archive. Their `section` is not joined: the caller has the sections.

        On PostgreSQL, one LATERAL subquery per section: a short walk of the
        (section, publish_at) index each, planned once (a UNION of sliced querysets costs
        its compilation and its planning once per section). SQLite has no LATERAL: there
        the articles since `since` are ranked per section by a window function over the
        publication-time index (`since` bounds the range read).
        """
        queryset = self.select_related(None).newest()
        if since is not None:
            queryset = queryset.filter(publish_at__gte=since)
        section_ids = list(section_ids)
        if not section_ids:
            return []
        if connection.vendor == "postgresql":
            per_row = queryset.filter(section_id=RawSQL('"wanted"."id"', ()))[:per_section]
            sql, params = per_row.query.sql_with_params()
            return list(
                self.model.objects.raw(
                    'SELECT "block".* FROM unnest(%s::bigint[]) AS "wanted" ("id") '
                    f'CROSS JOIN LATERAL ({sql}) AS "block"',
                    (section_ids, *params),
                )
            )
        return list(
            queryset.filter(section_id__in=section_ids)
            .annotate(
                section_rank=Window(
                    RowNumber(),
                    partition_by=[F("section_id")],
                    order_by=[F("publish_at").desc(), F("id").desc()],
                )
            )
            .filter(section_rank__lte=per_section)
        )

    def same_section_as(self, article, limit: int = 10):
        """The "في نفس الركن" widget: other articles of the section, newest first."""
        return self.filter(section_id=article.section_id).exclude(pk=article.pk).newest()[:limit]

    def related_to(self, article, tag_ids, limit: int = 4):
        """The "related articles" block, in one query: articles sharing the most of
        `tag_ids` (the article's tags, already loaded by the page) first, then those of the
        same section, then the newest; among the newest RELATED_CANDIDATES articles that
        share one of the tags, so that a tag on thousands of articles costs no more than a
        rare one (an index walk with a LIMIT, then the ranking of those few)."""
        sharing = self.filter(tags__in=tag_ids).exclude(pk=article.pk)
        candidates = sharing.order_by("-publish_at", "-id").values("pk")[:RELATED_CANDIDATES]
        return (
            sharing.filter(pk__in=candidates)
            .annotate(
                shared_tags=Count("tags", distinct=True),
                same_section=Case(
                    When(section_id=article.section_id, then=Value(1)),
                    default=Value(0),
                    output_field=models.IntegerField(),
                ),
            )
            .order_by("-shared_tags", "-same_section", "-publish_at", "-id")[:limit]
        )

    def published_between(self, start, end):
        return self.filter(publish_at__gte=start, publish_at__lt=end)

    def count_by_month(self, year: int) -> dict[int, int]:
        """{month: articles} for a year, local time, in one query over index ranges.

        Twelve filtered counts rather than a truncation per row: SQLite would call a
        Python time-zone function on every article of the year.
        """
        from articles.listing import local_range, month_after  # circular at module level

        bounds = {}
        for month in range(1, 13):
            start = date(year, month, 1)
            bounds[month] = local_range(start, month_after(start))
        counts = self.order_by().aggregate(
            **{
                f"m{m}": Count("pk", filter=Q(publish_at__gte=lo, publish_at__lt=hi))
                for m, (lo, hi) in bounds.items()
            }
        )
        return {m: counts[f"m{m}"] for m in bounds if counts[f"m{m}"]}

    def in_section(self, section):
        return self.filter(section=section)

    def by_author(self, author):
        return self.filter(bylines__author=author)


def new_preview_nonce() -> str:
    return secrets.token_urlsafe(16)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        RETURNED = "returned", _("Returned to author")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    LIVE_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    # Translated through modeltranslation (articles/translation.py).
    title = models.CharField(_("title"), max_length=255, blank=True)
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    body = models.TextField(_("body"), blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    cover_alt = models.CharField(
        _("cover alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )

    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True, blank=True)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="ArticleAuthor",
        related_name="articles",
        verbose_name=_("authors"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))

    cover = CleanImageField(
        _("cover image"),
        upload_to=UniqueName("covers/%Y/%m"),
        blank=True,
        validators=[validate_image],
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Where the crops of the cover centre (0..1 of its width and height): every rendition
    # keeps this point in frame (core/renditions.py). Set in the admin by clicking the image.
    cover_focal_x = models.FloatField(
        _("focal point (across)"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("set by clicking the image"),
    )
    cover_focal_y = models.FloatField(
        _("focal point (down)"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("set by clicking the image"),
    )
    # The cover's renditions (sizes, formats, storage names), written at save time by
    # articles/services.py: templates read it, no storage call or query per picture.
    cover_renditions = models.JSONField(default=dict, blank=True, editable=False)
    # SHA-256 of the stored cover: the folder of its renditions (covers/r/<digest>/…),
    # which articles/media.py maps back to the articles showing it.
    cover_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    cover_credit = models.CharField(_("photo credit"), max_length=200, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    unpublish_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("Optional: the article leaves the site at this time."),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    is_breaking = models.BooleanField(_("breaking news"), default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set when the text changes after publication: readers see an "updated" line.
    content_updated_at = models.DateTimeField(
        _("text updated"), null=True, blank=True, editable=False
    )
    # Optimistic locking in the back office (articles/forms.py): bumped by every human
    # save, never by `publish_due`, so a scheduled article going live while an editor has
    # it open does not turn that editor's save into a false conflict.
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)
    # Signed into every preview link (articles/preview.py); rotating it revokes them all.
    preview_nonce = models.CharField(max_length=32, default=new_preview_nonce, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("review_article", _("Can review articles and return them to their journalist")),
            ("edit_any_article", _("Can edit every article, whoever wrote it")),
        ]
        indexes = [
            # Public listings are read from these covering indexes alone on PostgreSQL
            # (index-only scans): what public() and in_language() test is included, so a
            # count, or the ids skipped before page N, never visit the table
            # (docs/performance.md). SQLite ignores `include`.
            # Home page, latest-news strip, date archives, feeds: newest published first.
            models.Index(
                fields=["-publish_at", "-id"],
                name="article_publish_at_idx",
                include=["status", "unpublish_at", "section", *PUBLIC_TITLE_COLUMNS],
            ),
            # The home page's lead story: the newest featured article.
            models.Index(
                fields=["-publish_at"], name="article_featured_idx", condition=Q(is_featured=True)
            ),
            # Section pages, the home page's section blocks, the "same section" widget.
            models.Index(
                fields=["section", "-publish_at", "-id"],
                name="article_section_pub_idx",
                include=["status", "unpublish_at", *PUBLIC_TITLE_COLUMNS],
            ),
            # Listings reached through another table (author, tag, search, most read): is
            # this article public in this edition, from the index alone.
            models.Index(
                fields=["id"],
                name="article_public_idx",
                include=["status", "publish_at", "unpublish_at", *PUBLIC_TITLE_COLUMNS],
            ),
            # The next expiry (no cached page may outlive it: core/pagecache.py).
            models.Index(
                fields=["unpublish_at"],
                name="article_expiry_idx",
                condition=Q(unpublish_at__isnull=False),
            ),
            # publish_due: the scheduled articles whose time has come. Partial, so that the
            # planner never prefers it to the publication-time index for public listings.
            models.Index(
                fields=["publish_at"],
                name="article_scheduled_idx",
                condition=Q(status="scheduled"),
            ),
            # /media/covers/…: which article shows this picture (articles/media.py).
            models.Index(fields=["cover"], name="article_cover_idx"),
            models.Index(fields=["cover_digest"], name="article_cover_digest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=("scheduled", "published")) | Q(publish_at__isnull=False),
                name="article_live_needs_publish_at",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(unpublish_at__gt=models.F("publish_at")),
                name="article_expiry_after_publication",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.title_ar or self.title_fr or self.slug

    def clean(self):
        super().clean()
        if self.status in self.LIVE_STATUSES and not self.publish_at:
            raise ValidationError(
                {"publish_at": _("A scheduled or published article needs a publication time.")}
            )
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {"unpublish_at": _("The expiry time must come after the publication time.")}
            )
        if not any(getattr(self, f"title_{code}", "") for code in LANGUAGE_CODES):
            raise ValidationError(_("Give the article a title in at least one language."))

    def save(self, *args, **kwargs):
        """Keeps this row consistent, nothing more: the cover's renditions, the search documents and
        the cached pages are brought up to date by articles/services.py, which every writer
        calls."""
        strip_bidi_from(self, ("title", "lead", "cover_caption", "cover_alt"), STORED_LANGUAGES)
        for code in STORED_LANGUAGES:  # every stored body, even of an edition not offered
            field = f"body_{code}"
            value = getattr(self, field, None)
            if value:
                setattr(self, field, sanitize_html(value))
        if not self.slug:
            source = next(
                (
                    getattr(self, f"title_{c}")
                    for c in LANGUAGE_CODES
                    if getattr(self, f"title_{c}", "")
                ),
                "",
            )
            self.slug = unique_slug(self, source, fallback="article")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    def get_absolute_url_in(self, code: str) -> str:
        with override(code):
            return self.get_absolute_url()

    def is_published(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status in self.LIVE_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    is_published.boolean = True
    is_published.short_description = _("on the site")

    def available_languages(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if getattr(self, f"title_{code}", "")]

    def is_available_in(self, code: str) -> bool:
        return bool(getattr(self, f"title_{code}", ""))

    def ordered_authors(self) -> list:
        """Authors in byline order: from the `with_authors()` prefetch when there is one,
        otherwise in one query."""
        if "bylines" in getattr(self, "_prefetched_objects_cache", {}):
            bylines = self.bylines.all()
        else:
            bylines = self.bylines.select_related("author").order_by("position", "id")
        return [byline.author for byline in bylines]

    def was_updated(self) -> bool:
        return bool(
            self.content_updated_at
            and self.publish_at
            and self.content_updated_at > self.publish_at
        )


class ArticleAuthor(models.Model):
    """A byline: an author of an article, in the order the newsroom chose."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author", on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]
        indexes = [
            # Author pages: an author's articles.
            models.Index(fields=["author", "article"], name="byline_author_idx"),
        ]

    def __str__(self) -> str:
        return str(self.author)


class ArticleEvent(models.Model):
    """One step of the editorial workflow: who moved the article from which status to which."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        RETURN = "return", _("Returned to the author")
        REOPEN = "reopen", _("Back to draft")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        AUTO_PUBLISH = "auto_publish", _("Went live at its scheduled time")
        EXPIRE = "expire", _("Expired")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # None for the system (publish_due).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    from_status = models.CharField(_("from"), max_length=12, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    # Only for scheduling: the time chosen.
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["-at", "-id"]
        indexes = [
            # The change form's timeline and the latest return note: an article's events.
            models.Index(fields=["article", "-at"], name="articleevent_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.from_status} → {self.to_status})"


class EditSession(models.Model):
    """Someone has an article's change form open (refreshed by a heartbeat)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="edit_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="editsession_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.article_id}"


class ArticleSearchText(models.Model):
    """An article's searchable text in one edition: the terms of its title, lead and body
    (articles/normalize.py's `analyze`), one space apart.

    Written by articles.search.refresh_search_text (through articles/services.py, after
    every change of the text); on PostgreSQL `vector`
    holds the weighted tsvector (title A, lead B, body C) that the GIN index serves.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="search_texts")
    language = models.CharField(max_length=8)
    title = models.TextField(blank=True)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Only filled on PostgreSQL (written from the terms); SQLite reads the terms through its
    # FTS5 table, articles_search_fts (migration 0009).
    vector = SearchVectorField(null=True, editable=False)
    # The version of the language rules the terms were made with (articles.search.RULES):
    # documents of older rules are rewritten after `migrate` (articles/apps.py).
    rules = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            # One document per article and edition; searches join on (article, language).
            models.UniqueConstraint(fields=["article", "language"], name="searchtext_unique_lang"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}]"


class ArticleViewHourly(models.Model):
    """Page views of an article in one hour (UTC, truncated): the "most read" widget.

    Hourly buckets make "the last 24 hours" exact; views reach this table in batches
    through core.counters, never one write per page view (articles/popularity.py).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hourly_views")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="viewhourly_unique_hour"),
        ]
        indexes = [
            # Most read: the views of every article since a given hour.
            models.Index(fields=["hour", "article"], name="viewhourly_hour_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.views}"


class SearchWord(models.Model):
    """A term of the search index in one edition, for spelling corrections (articles/spelling.py).

    `surface` is how the term was written (normalized) in the articles, shown in "results for
    …"; `documents` counts the documents that contained it when they were indexed (never
    decremented: approximate, rebuilt by `manage.py rebuild_search_words`).
    """

    language = models.CharField(max_length=8)
    term = models.CharField(max_length=40)
    surface = models.CharField(max_length=80)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="searchword_unique_term"),
        ]

    def __str__(self) -> str:
        return f"{self.term} [{self.language}]"


class SearchWordKey(models.Model):
    """One deletion key of a SearchWord: a 64-bit hash of (language, the term with up to two
    letters deleted). A misspelled term's own deletions, looked up here, find every word within
    the tolerated edit distance (articles/spelling.py); a hash collision only adds a candidate
    that the true distance then rejects. No foreign-key constraint: rebuilds delete keys first.
    """

    pk = models.CompositePrimaryKey("key", "word")
    key = models.BigIntegerField()
    # No index of its own (the key comes first in the primary key): only rebuilds look keys
    # up by word, once per language.
    word = models.ForeignKey(
        SearchWord,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"{self.key} → {self.word_id}"


class SearchForm(models.Model):
    """A normalized word as the articles wrote it, and the SearchWord (term) it stands for.

    A reader's typo near the end of a French word changes what the stemmer strips (parlemant
    → parlem, two letters from parl): articles/spelling.py then looks the reader's own word's
    one-edit variants up here, among the written forms.
    """

    language = models.CharField(max_length=8)
    form = models.CharField(max_length=80)
    # No index of its own: only rebuilds look forms up by word, once per language.
    word = models.ForeignKey(
        SearchWord,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "form"], name="searchform_unique_form"),
        ]

    def __str__(self) -> str:
        return f"{self.form} [{self.language}]"
