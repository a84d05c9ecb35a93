"""Site-wide pages: the edition chooser, the home page, and the error pages."""

from operator import attrgetter

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django.views.static import serve

from articles import media as media_access
from articles.chrome import site_chrome
from articles.models import Article
from articles.templatetags.cards import shared_places
from core import faults, pagecache

HOME_TOP_STORIES = 4
HOME_PER_SECTION = 4
HOME_NEWEST = 12


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
def choose_edition(request):
    """`/` sends readers to the edition of their browser's language among those the site
    offers (settings.LANGUAGES), else to the main one; never to an edition with nothing in it."""
    code = translation.get_language_from_request(request, check_path=False)
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    if code != settings.LANGUAGE_CODE and not Article.objects.public(code).exists():
        code = settings.LANGUAGE_CODE
    return HttpResponseRedirect(f"/{code}/")


@require_safe
def home(request):
    public = Article.objects.public().for_listing().newest()
    # The lead story is the newest featured one; without any, simply the newest.
    lead = public.filter(is_featured=True).first()
    others = public.exclude(pk=lead.pk) if lead else public
    recent = list(others[: 1 + HOME_TOP_STORIES + HOME_NEWEST])
    if lead is None and recent:
        lead = recent.pop(0)
    rest = recent
    sections = site_chrome(request)["sections"]  # the header menu's, cached
    # Each article appears once on the page: blocks skip the lead, top stories and "just in".
    shown = [a.pk for a in [lead, *rest] if a is not None]
    others = public.exclude(pk__in=shown)
    # Only the newest articles (beyond those shown) compete for the section blocks: a
    # section with none among them is stale and has no block. The cut-off is the publication time of the last of
    # them, read from the publication-time index alone (drafts have none; scheduled ones
    # count from their time).
    candidates = settings.NEWSROOM_HOME_CANDIDATES + len(shown)
    since = (
        Article.objects.filter(publish_at__lte=timezone.now())
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)[candidates - 1 : candidates]
        .first()
    )
    by_section: dict[int, list] = {s.pk: [] for s in sections}
    for article in others.latest_per_section(by_section, HOME_PER_SECTION, since=since):
        by_section[article.section_id].append(article)
    blocks = []
    for section in sections:
        articles = sorted(by_section[section.pk], key=attrgetter("publish_at", "pk"), reverse=True)
        for article in articles:
            article.section = section  # not joined: known already
        if articles:
            blocks.append((section, articles))
    top_stories = rest[:HOME_TOP_STORIES]
    # A picture on two cards of different sizes (two articles, one cover) is downloaded
    # once: both cards write the larger one's <picture> (articles/templatetags/cards.py).
    placed = [(lead, "lead")] if lead else []
    placed += [(article, "row") for article in top_stories]
    placed += [(article, "medium") for _section, articles in blocks for article in articles]
    return render(
        request,
        "home.html",
        {
            "lead": lead,
            "top_stories": top_stories,
            "newest": rest[HOME_TOP_STORIES:],
            "section_blocks": blocks,
            "picture_places": shared_places(placed),
        },
    )


def media(request, path):
    """Uploads through Django: served by it (SERVE_MEDIA, small setups) or handed to the
    front server (MEDIA_ACCEL_REDIRECT), once `articles.media` says the reader may see them:
    pictures of articles that are not public answer 404 (docs/media.md)."""
    if not media_access.may_download(path, request.user):
        raise Http404
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + path
        del response["Content-Type"]  # nginx sets it from the file
    elif settings.MEDIA_STORAGE == "s3":
        # Object storage (docs/deployment.md): streamed from the bucket once checked.
        from core import object_storage

        response = object_storage.serve(request, path, default_storage)
    else:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = media_cache_control(path, request)
    return response


def media_cache_control(path: str, request) -> str:
    """How long browsers and a CDN may keep an upload (docs/media.md, "Cache lifetimes").

    A name never gets other content (random or content-derived names), so public uploads
    are immutable. Covers and their thumbnails stop being served when their article leaves
    the site: a short shared lifetime, never beyond the next scheduled expiry, and private
    for staff (who also see drafts' pictures).
    """
    if not path.startswith(media_access.PROTECTED_PREFIX):
        return "public, max-age=31536000, immutable"
    if not pagecache.is_anonymous(request):
        return "private, no-cache"
    now = timezone.now()
    return pagecache.cache_control(pagecache.COVER, now, pagecache.next_change(now))


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@never_cache
def server_error(request):
    """No database, no context processors: this page must render when everything else fails.
    A database that cannot be reached gets the 503 page instead (core/faults.py)."""
    unavailable = faults.response_for_current_exception(request)
    if unavailable is not None:
        return unavailable
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "LANGUAGE_CODE": language,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "SITE_NAME": settings.SITE_NAME,
        "REPORTED": faults.errors_are_reported(),
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))
