"""Banners: eligibility, rotation, slots in pages, the fill endpoint, clicks, admin, roles."""

import random
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import html5lib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from ads import banners
from ads.banners import Candidate, choose
from ads.models import SLOT_SIZES, Banner, BannerStat, Slot
from ads.templatetags.banners import listing_slot_position, paragraph_end
from articles import roles
from core import counters
from tests.banner_factories import BannerFactory, png_upload
from tests.factories import ArticleFactory, SectionFactory
from tests.personas import NO_PASSWORD, make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _counters(isolated_counters):
    """Every test here starts with empty counters in this process's buffer."""


def eligible_ids(slot, lang, now=None):
    return set(Banner.objects.eligible(slot, lang, now).values_list("pk", flat=True))


# --- eligibility ----------------------------------------------------------------------------


def test_only_running_banners_of_the_slot_and_language_are_eligible():
    now = timezone.now()
    running = BannerFactory()
    BannerFactory(is_active=False)
    BannerFactory(starts_at=now + timedelta(hours=1))  # not started
    BannerFactory(starts_at=now - timedelta(days=2), ends_at=now - timedelta(seconds=1))  # ended
    BannerFactory(languages=["fr"])  # another edition
    BannerFactory(slot=Slot.FOOTER)  # another slot
    forever = BannerFactory(ends_at=None)
    assert eligible_ids(Slot.SIDEBAR, "ar", now) == {running.pk, forever.pk}


def test_time_window_is_start_inclusive_end_exclusive():
    start = timezone.now().replace(microsecond=0)
    banner = BannerFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    assert eligible_ids(Slot.SIDEBAR, "ar", start - timedelta(seconds=1)) == set()
    assert eligible_ids(Slot.SIDEBAR, "ar", start) == {banner.pk}
    assert eligible_ids(Slot.SIDEBAR, "ar", start + timedelta(minutes=59)) == {banner.pk}
    assert eligible_ids(Slot.SIDEBAR, "ar", start + timedelta(hours=1)) == set()


def test_language_lookup_matches_whole_codes_only():
    french = BannerFactory(languages=["fr"])
    both = BannerFactory(languages=["fr", "ar"])
    assert eligible_ids(Slot.SIDEBAR, "fr") == {french.pk, both.pk}
    assert eligible_ids(Slot.SIDEBAR, "ar") == {both.pk}
    assert eligible_ids(Slot.SIDEBAR, "en") == set()
    both.refresh_from_db()
    assert both.languages == ["ar", "fr"]  # stored in the site's language order


def test_cached_candidates_agree_with_the_queryset_at_every_moment():
    """The per-request Python filter on the cached list is the queryset's twin."""
    now = timezone.now().replace(microsecond=0)
    BannerFactory(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(seconds=30))
    BannerFactory(starts_at=now + timedelta(seconds=20), ends_at=None)
    BannerFactory(starts_at=now - timedelta(hours=2), ends_at=None)
    BannerFactory(is_active=False)
    BannerFactory(languages=["fr"])
    candidates = banners._load("ar", now)["slots"]
    for seconds in (0, 19, 20, 29, 30, 45, 59):
        moment = now + timedelta(seconds=seconds)
        cached = {c.id for c in banners.eligible_from(candidates, Slot.SIDEBAR, moment)}
        assert cached == eligible_ids(Slot.SIDEBAR, "ar", moment), seconds


def test_a_banner_change_is_seen_at_once_despite_the_cache():
    assert banners.eligible("ar", Slot.SIDEBAR) == []
    banner = BannerFactory()
    assert [c.id for c in banners.eligible("ar", Slot.SIDEBAR)] == [banner.pk]
    banner.is_active = False
    banner.save()
    assert banners.eligible("ar", Slot.SIDEBAR) == []


# --- rotation ---------------------------------------------------------------------------------


def candidate(id_, weight):
    now = timezone.now()
    return Candidate(
        id=id_, slot="sidebar", weight=weight, starts_at=now, ends_at=None, html=str(id_)
    )


def test_weighted_choice_is_deterministic_with_a_fixed_random_source():
    pool = [candidate(1, 1), candidate(2, 3), candidate(3, 6)]
    first = [choose(pool, random.Random(42)).id for _ in range(5)]
    again = [choose(pool, random.Random(42)).id for _ in range(5)]
    assert first == again
    rng = random.Random(2025)
    sequence = [choose(pool, rng).id for _ in range(12)]
    rng = random.Random(2025)
    assert sequence == [choose(pool, rng).id for _ in range(12)]
    assert choose([], random.Random(1)) is None
    assert choose([candidate(9, 5)], random.Random(1)).id == 9


def test_weighted_choice_follows_the_weights():
    pool = [candidate(1, 1), candidate(2, 3), candidate(3, 6)]
    rng = random.Random(7)
    draws = 20_000
    counts = Counter(choose(pool, rng).id for _ in range(draws))
    for banner_id, weight in ((1, 0.1), (2, 0.3), (3, 0.6)):
        assert abs(counts[banner_id] / draws - weight) < 0.015, counts


def test_fill_rotates_by_weight_and_counts_each_impression():
    light = BannerFactory(weight=1)
    heavy = BannerFactory(weight=4)
    rng = random.Random(3)
    shown = Counter()
    for _ in range(2000):
        html = banners.fill("ar", [Slot.SIDEBAR], rng=rng)[Slot.SIDEBAR]
        shown[light.pk if light.text in html else heavy.pk] += 1
    assert 0.75 < shown[heavy.pk] / 2000 < 0.85
    pending = counters.pending(banners.IMPRESSION)
    today = timezone.localdate()
    assert pending == {(light.pk, today): shown[light.pk], (heavy.pk, today): shown[heavy.pk]}


# --- the fill endpoint ------------------------------------------------------------------------


def test_fill_endpoint_returns_fragments_and_counts(client):
    banner = BannerFactory(text="Buy cheap website traffic", languages=["fr"])
    response = client.get("/ads/fill/", {"lang": "fr", "slots": "sidebar,footer,bogus"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    slots = response.json()["slots"]
    assert set(slots) == {"sidebar", "footer"}
    assert slots["footer"] == ""
    assert 'rel="sponsored noopener"' in slots["sidebar"]
    assert "Buy cheap website traffic" in slots["sidebar"]
    assert banner.click_url() in slots["sidebar"]
    assert counters.pending(banners.IMPRESSION) == {(banner.pk, timezone.localdate()): 1}
    # Other editions get nothing; crawlers get the banner but are not counted.
    assert client.get("/ads/fill/", {"lang": "ar", "slots": "sidebar"}).json() == {
        "slots": {"sidebar": ""}
    }
    client.get("/ads/fill/", {"lang": "fr", "slots": "sidebar"}, HTTP_USER_AGENT="Googlebot/2.1")
    assert counters.pending(banners.IMPRESSION) == {(banner.pk, timezone.localdate()): 1}


def test_fill_endpoint_refuses_unknown_languages_without_error(client):
    assert client.get("/ads/fill/", {"lang": "xx", "slots": "sidebar"}).status_code == 400
    assert client.get("/ads/fill/").status_code == 400
    assert client.get("/ads/fill/", {"lang": "ar"}).json() == {"slots": {}}
    assert client.post("/ads/fill/", {"lang": "ar"}).status_code == 405


# --- clicks -------------------------------------------------------------------------------------


def test_click_redirects_to_the_stored_link_and_counts(client):
    banner = BannerFactory(link_url="https://advertiser.example.com/offer?a=1&b=2")
    fragment = client.get("/ads/fill/", {"lang": "ar", "slots": "sidebar"}).json()["slots"]
    shown = re.search(r'href="([^"]+)"', fragment["sidebar"])[1].replace("&amp;", "&")
    assert shown.startswith(banner.click_url() + "?i=")  # the impression's token
    response = client.get(shown)
    assert response.status_code == 302
    assert response["Location"] == "https://advertiser.example.com/offer?a=1&b=2"
    assert "no-store" in response["Cache-Control"]
    assert counters.pending(banners.CLICK) == {(banner.pk, timezone.localdate()): 1}
    # Without an impression (tests/test_abuse_limits.py has the rules): the same redirect.
    response = client.get(banner.click_url())
    assert response["Location"] == "https://advertiser.example.com/offer?a=1&b=2"
    assert counters.pending(banners.CLICK) == {(banner.pk, timezone.localdate()): 1}


def test_click_url_is_stable_for_cached_pages():
    banner = BannerFactory()
    assert banner.click_url() == banner.click_url()
    assert re.fullmatch(rf"/ads/{banner.pk}:[\w-]+/click/", banner.click_url())


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token, pk: token[:-1] + ("A" if token[-1] != "A" else "B"),  # bad signature
        lambda token, pk: f"{pk + 1}:" + token.split(":", 1)[1],  # another id, same signature
        lambda token, pk: str(pk),  # no signature
        lambda token, pk: "https:%2F%2Fevil.example.com",
    ],
    ids=["signature", "swapped-id", "unsigned", "url"],
)
def test_tampered_click_tokens_are_404(client, tamper):
    banner = BannerFactory()
    BannerFactory()  # the swapped id exists: only the signature stops it
    token = banners.click_token(banner.pk)
    response = client.get(f"/ads/{tamper(token, banner.pk)}/click/")
    assert response.status_code == 404
    assert counters.pending(banners.CLICK) == {}


def test_click_on_unknown_inactive_or_expired_banner_is_404(client):
    now = timezone.now()
    inactive = BannerFactory(is_active=False)
    expired = BannerFactory(starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=1))
    future = BannerFactory(starts_at=now + timedelta(days=1))
    deleted = BannerFactory()
    deleted_url = deleted.click_url()
    deleted.delete()
    for url in (inactive.click_url(), expired.click_url(), future.click_url(), deleted_url):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/ads/{banners.click_token(999_999)}/click/").status_code == 404
    assert counters.pending(banners.CLICK) == {}


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/file", "//evil.example.com", "/fr/"]
)
def test_links_must_be_absolute_http(url):
    banner = BannerFactory.build(link_url=url)
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "link_url" in error.value.message_dict


# --- images -------------------------------------------------------------------------------------


def test_image_banner_gets_the_renditions_its_slot_needs():
    banner = BannerFactory(
        slot=Slot.HEADER,
        kind=Banner.Kind.IMAGE,
        image=png_upload((1456, 180)),
        image_mobile=png_upload((320, 100), name="phone.png"),
    )
    wide = banner.image_renditions["specs"]
    narrow = banner.image_mobile_renditions["specs"]
    assert set(wide) == {"wide"}  # the phone size comes from the phone image
    assert [(e["w"], e["h"]) for e in wide["wide"]] == [(728, 90), (1456, 180)]
    assert [(e["w"], e["h"]) for e in narrow["narrow"]] == [(320, 100)]  # no upscaled 640x200
    from PIL import Image

    for entry in [*wide["wide"], *narrow["narrow"]]:
        assert {"avif", "webp", "jpeg"} <= set(entry)  # opaque: JPEG (tests/test_renditions.py)
        for fmt in ("avif", "webp", "jpeg"):
            with default_storage.open(entry[fmt]) as handle, Image.open(handle) as image:
                assert image.size == (entry["w"], entry["h"])
                assert image.format == fmt.upper()
    html = banners.render_banner(banner)
    assert 'media="(min-width: 48em)"' in html
    assert 'width="728" height="90"' in html
    assert 'width="320" height="100"' in html
    assert " 2x" in html


@pytest.mark.parametrize(
    ("slot", "size", "code"),
    [
        (Slot.SIDEBAR, (200, 166), "image_too_small"),
        (Slot.SIDEBAR, (1000, 250), "image_wrong_shape"),
        (Slot.HEADER, (300, 250), "image_too_small"),
    ],
)
def test_image_must_fit_its_slot(slot, size, code):
    banner = BannerFactory.build(slot=slot, kind=Banner.Kind.IMAGE, image=png_upload(size))
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert [e.code for e in error.value.error_dict["image"]] == [code]


def test_image_banner_needs_an_image_and_rejects_non_images():
    with pytest.raises(ValidationError) as error:
        BannerFactory.build(kind=Banner.Kind.IMAGE).full_clean()
    assert "image" in error.value.message_dict
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        BannerFactory.build(kind=Banner.Kind.IMAGE, image=fake).full_clean()
    assert "image" in error.value.message_dict


def test_css_reserves_every_slot_size():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    for slot, sizes in SLOT_SIZES.items():
        for size in sizes:
            if size:
                assert f"aspect-ratio: {size.width} / {size.height}" in css, (slot, size)
    assert not re.search(r"(?<![-\w])(left|right)\s*:", css.split("Banner slots")[1])


# --- slots in templates and pages -----------------------------------------------------------------


def render_slot(slot, lang="ar"):
    from django.utils import translation

    request = RequestFactory().get("/")
    with translation.override(lang):
        return Template('{% load banners %}{% banner_slot "' + slot + '" %}').render(
            Context({"request": request})
        )


def test_a_slot_without_eligible_banner_renders_nothing():
    BannerFactory(is_active=False)
    BannerFactory(languages=["fr"])
    assert render_slot("sidebar", "ar") == ""


def test_a_slot_with_a_banner_reserves_its_box_and_has_a_noscript_fallback():
    banner = BannerFactory(text="Sponsored words")
    html = render_slot("sidebar")
    assert 'class="ad-slot ad-slot--sidebar"' in html
    assert 'data-ad-slot="sidebar"' in html
    assert 'data-ad-fill="/ads/fill/"' in html
    assert re.search(r"<noscript>.*Sponsored words.*</noscript>", html, re.S)
    assert banner.click_url() in html
    # Rendering does not count: the fill request (or nothing, for crawlers) does.
    assert counters.pending(banners.IMPRESSION) == {}


def test_unknown_slot_name_is_a_template_error():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        render_slot("nowhere")


@pytest.mark.parametrize(
    ("html", "n", "expected"),
    [
        ("<p>a</p><p>b</p><p>c</p>", 2, "<p>a</p><p>b</p>"),
        ("<h2>t</h2>\n<p>a</p>\n<blockquote><p>q</p></blockquote><p>b</p>", 2, None),
        ("<p>one</p>", 2, None),
        ("<p>x<br>y</p>\n<ul><li><p>in list</p></li></ul>\n<p>second</p><p>3</p>", 2, None),
    ],
)
def test_paragraph_end_counts_top_level_paragraphs(html, n, expected):
    at = paragraph_end(html, n)
    if expected is not None:
        assert html[:at] == expected
    elif "one" in html:
        assert at is None
    else:
        assert html[:at].endswith(("<p>b</p>", "<p>second</p>"))


def test_in_article_slot_goes_after_the_second_paragraph(client, settings):
    settings.NEWSROOM_IN_ARTICLE_AD_AFTER = 2
    BannerFactory(slot=Slot.IN_ARTICLE, text="In-article ad")
    article = ArticleFactory(
        title_fr="Titre", body_fr="<p>Un.</p><h2>Sous-titre</h2><p>Deux.</p><p>Trois.</p>"
    )
    body = client.get(article.get_absolute_url_in("fr")).content.decode()
    assert re.search(r"<p>Deux\.</p><aside class=\"ad-slot ad-slot--in_article\"", body)
    assert body.index("ad-slot--in_article") < body.index("<p>Trois.</p>")


def test_listing_slot_position_is_once_per_page_and_between_items(settings):
    settings.NEWSROOM_LISTING_AD_AFTER = 3

    class Day:
        def __init__(self, n):
            self.articles = list(range(n))

    assert listing_slot_position([Day(2), Day(2)]) == (1, 0)
    assert listing_slot_position([Day(5)]) == (0, 2)
    assert listing_slot_position([Day(3)]) is None  # nothing after it: not "between"
    assert listing_slot_position([]) is None


def test_pages_show_slots_only_where_banners_run(client, settings):
    settings.NEWSROOM_LISTING_AD_AFTER = 1
    section = SectionFactory(slug="opinion")
    article = ArticleFactory(title_fr="Titre", section=section, body_fr="<p>a</p><p>b</p>")
    for i in range(6):  # enough for the home page's "Just in" column, where its sidebar is
        ArticleFactory(title_fr=f"Autre {i}", section=section)
    for slot in Slot.values:
        BannerFactory(slot=slot, languages=["fr"], text=f"ad-{slot}")
    pages = {
        "/fr/": {"header", "sidebar", "footer"},
        article.get_absolute_url_in("fr"): {"header", "in_article", "sidebar", "footer"},
        "/fr/sections/opinion/": {"header", "listing", "footer"},
        "/ar/": set(),  # the banners run in French only
    }
    for url, expected in pages.items():
        body = client.get(url).content.decode()
        shown = set(re.findall(r'data-ad-slot="(\w+)"', body))
        assert shown == expected, url
        html5lib.HTMLParser(strict=True).parse(body)
        if expected:
            assert "ads/ads.js" in body


def test_a_broken_banner_never_breaks_the_page(client, monkeypatch):
    BannerFactory()

    def boom(*args, **kwargs):
        raise RuntimeError("cache and database gone")

    monkeypatch.setattr(banners, "candidates_for", boom)
    response = client.get("/ar/")
    assert response.status_code == 200
    assert "ad-slot" not in response.content.decode()


# --- roles and admin --------------------------------------------------------------------------------


# The data migrations that make the role groups, each granting its own app's permissions.
ROLE_MIGRATIONS = [
    ("articles", "0003_roles"),
    ("ads", "0002_roles"),
    ("magazine", "0002_roles"),
    ("searchlog", "0002_roles"),
]


def replay_role_migrations() -> int:
    """Do for the roles what migrating an empty database does, in this test's transaction.

    Permissions are deleted first (the state a first deployment is in: none exist until the
    migrations make them); then each role migration runs, in the migrations' order, with the
    models of its point in the history; then the post_migrate signal that ends `migrate`.
    The groups the test database was created with are not used: a transactional test
    before this one may have flushed them.
    """
    from types import SimpleNamespace

    from django.core.management.sql import emit_post_migrate_signal
    from django.db import DEFAULT_DB_ALIAS, connection
    from django.db.migrations.executor import MigrationExecutor

    Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).delete()
    Permission.objects.all().delete()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    in_order = [m for m, _backwards in plan if (m.app_label, m.name) in ROLE_MIGRATIONS]
    assert len(in_order) == len(ROLE_MIGRATIONS)
    replayed = 0
    for migration in in_order:
        state = executor.loader.project_state((migration.app_label, migration.name), at_end=False)
        for operation in migration.operations:
            operation.code(state.apps, SimpleNamespace(connection=connection))
            replayed += 1
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    return replayed


def test_every_role_permission_is_granted_after_migrations():
    assert replay_role_migrations() == len(ROLE_MIGRATIONS)
    for role, codes in roles.ROLE_PERMISSIONS.items():
        if codes == ["*"]:
            continue
        granted = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Group.objects.get(name=role).permissions.select_related("content_type")
        }
        assert set(codes) == granted, role
    admin_perms = Group.objects.get(name=roles.ADMINISTRATOR).permissions
    assert admin_perms.filter(content_type__app_label="ads", codename="add_banner").exists()


ADMIN_URLS = [
    "/admin/ads/banner/",
    "/admin/ads/banner/add/",
    "/admin/magazine/magazineissue/",
    "/admin/magazine/magazineissue/add/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_journalist_cannot_manage_banners_or_the_magazine(client, url):
    client.force_login(make_journalist())
    assert client.get(url).status_code == 403


def test_journalist_cannot_open_change_form_or_stats(client):
    banner = BannerFactory()
    client.force_login(make_journalist())
    assert client.get(f"/admin/ads/banner/{banner.pk}/change/").status_code == 403
    assert client.get(f"/admin/ads/banner/{banner.pk}/stats/").status_code == 403
    assert client.post("/admin/ads/banner/add/", {"name": "x"}).status_code == 403
    assert not Banner.objects.filter(name="x").exists()


@pytest.mark.parametrize("maker", [make_editor, make_administrator])
@pytest.mark.parametrize("url", ADMIN_URLS)
def test_editors_and_administrators_manage_banners(client, url, maker):
    client.force_login(maker())
    assert client.get(url).status_code == 200


def banner_form(**overrides):
    now = timezone.localtime()
    data = {
        "name": "Campagne printemps",
        "slot": "sidebar",
        "kind": "text",
        "text": "Buy cheap website traffic",
        "link_url": "https://advertiser.example.com/",
        "languages": ["ar", "fr"],
        "starts_at_0": now.strftime("%Y-%m-%d"),
        "starts_at_1": "00:00:00",
        "ends_at_0": (now + timedelta(days=10)).strftime("%Y-%m-%d"),
        "ends_at_1": "00:00:00",
        "weight": "2",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_banner_for_a_date_range_and_it_runs(client):
    client.force_login(make_editor())
    response = client.post("/admin/ads/banner/add/", banner_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    banner = Banner.objects.get(name="Campagne printemps")
    assert banner.languages == ["ar", "fr"]
    assert banner.weight == 2
    assert [c.id for c in banners.eligible("fr", "sidebar")] == [banner.pk]
    assert banners.eligible("en", "sidebar") == []


def test_admin_form_errors_keep_what_was_typed(client):
    client.force_login(make_editor())
    data = banner_form(kind="image", link_url="javascript:alert(1)", weight="0")
    response = client.post("/admin/ads/banner/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"link_url", "weight", "image"} <= set(errors)
    assert 'value="Campagne printemps"' in response.content.decode()


def test_admin_uploads_an_image_banner(client):
    client.force_login(make_editor())
    data = banner_form(kind="image", text="Bannière Réseaux Sociaux")
    data["image"] = png_upload((600, 500))
    response = client.post("/admin/ads/banner/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    banner = Banner.objects.get()
    sizes = [(e["w"], e["h"]) for e in banner.image_renditions["specs"]["wide"]]
    assert sizes == [(300, 250), (600, 500)]
    change = client.get(f"/admin/ads/banner/{banner.pk}/change/").content.decode()
    assert f"/admin/ads/banner/{banner.pk}/stats/" in change
    assert "banner-preview" in change


def test_stats_show_impressions_clicks_and_ctr_per_day_with_csv(client):
    banner = BannerFactory(name="=cmd|' /C calc'!A0", starts_at=timezone.now() - timedelta(days=5))
    today = timezone.localdate()
    BannerStat.objects.create(
        banner=banner, date=today - timedelta(days=1), impressions=200, clicks=5
    )
    # Today's counts are still pending in the counters: the page flushes them first.
    counters.hit(banners.IMPRESSION, banner.pk, 50)
    counters.hit(banners.CLICK, banner.pk, 1)
    client.force_login(make_editor())
    body = client.get(f"/admin/ads/banner/{banner.pk}/stats/").content.decode()
    yesterday = (today - timedelta(days=1)).isoformat()
    assert re.search(rf"<td>{yesterday}</td><td>200</td><td>5</td><td>2.50%</td>", body)
    assert re.search(rf"<td>{today.isoformat()}</td><td>50</td><td>1</td><td>2.00%</td>", body)
    assert "<td>250</td><td>6</td><td>2.40%</td>" in body  # period total
    csv_response = client.get(f"/admin/ads/banner/{banner.pk}/stats/?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    lines = csv_response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "banner_id,banner,slot,date,impressions,clicks,ctr"
    assert lines[1].startswith(f"{banner.pk},'=cmd|")  # text, not a spreadsheet formula
    assert lines[1].endswith(f"sidebar,{yesterday},200,5,0.0250")
    assert lines[2].endswith(f"sidebar,{today.isoformat()},50,1,0.0200")


def test_changelist_shows_todays_counts_and_exports_selected(client):
    banner = BannerFactory(name="Réseaux")
    other = BannerFactory(name="Autre")
    BannerStat.objects.create(banner=other, date=timezone.localdate(), impressions=9, clicks=0)
    counters.hit(banners.IMPRESSION, banner.pk, 12)
    counters.hit(banners.CLICK, banner.pk, 3)
    client.force_login(make_editor())
    body = client.get("/admin/ads/banner/").content.decode()
    assert re.search(r'class="field-impressions_today">12<', body)
    assert re.search(r'class="field-clicks_today">3<', body)
    response = client.post(
        "/admin/ads/banner/",
        {"action": "export_stats", "_selected_action": [banner.pk, other.pk]},
    )
    rows = response.content.decode("utf-8-sig").strip().splitlines()[1:]
    assert len(rows) == 2
    assert {row.split(",")[1] for row in rows} == {"Réseaux", "Autre"}


def test_switching_a_banner_off_from_the_list_takes_it_off_the_site(client):
    banner = BannerFactory()
    assert banners.eligible("ar", "sidebar")
    client.force_login(make_editor())
    client.post("/admin/ads/banner/", {"action": "switch_off", "_selected_action": [banner.pk]})
    banner.refresh_from_db()
    assert not banner.is_active
    assert banners.eligible("ar", "sidebar") == []


def test_a_staff_member_without_role_sees_no_banner_admin(client):
    from tests.factories import UserFactory

    user = UserFactory(username="intern", is_staff=True, password=NO_PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get("/admin/ads/banner/").status_code == 403
