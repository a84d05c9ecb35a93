"""Renditions (core/renditions.py, docs/media.md): one pipeline for every picture a reader
sees. Real files in the test MEDIA_ROOT, pictures uploaded through the models' fields (the
clean copy) and the write path, pages fetched as a reader fetches them."""

import re
import struct
from html.parser import HTMLParser
from io import BytesIO, StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image, ImageSequence

from ads import banners
from ads.models import Banner, Slot
from articles import services
from articles.models import Article
from authors.services import author_saved
from core import renditions
from core.renditions import manifest_names
from magazine.models import MagazineIssue
from tests.banner_factories import BannerFactory, MagazineIssueFactory
from tests.factories import ArticleFactory, AuthorFactory, TagFactory, image_upload
from tests.pictures import download, jpeg, same_colour
from tests.world import reference_world

pytestmark = pytest.mark.django_db

RED, GREEN, BLUE = (230, 20, 20), (20, 200, 40), (20, 40, 220)
ORIENTATION, MAKE, GPS_IFD = 0x0112, 0x010F, 0x8825


def files_in(folder: str) -> set[str]:
    _dirs, files = default_storage.listdir(folder)
    return {f"{folder}/{name}" for name in files}


def picture(name: str) -> Image.Image:
    with default_storage.open(name) as handle:
        image = Image.open(BytesIO(handle.read()))
        image.load()
    return image


def with_cover(upload, **fields) -> Article:
    article = ArticleFactory(cover=upload, cover_alt_ar="وصف الصورة", **fields)
    article.refresh_from_db()
    return article


# --- names and files ------------------------------------------------------------------------


def test_names_come_from_the_content_size_crop_and_format():
    article = with_cover(jpeg((201, 17, 99), size=(1700, 960)))
    digest = article.cover_digest
    with default_storage.open(article.cover.name) as handle:
        assert renditions._sha256(handle) == digest
    specs = article.cover_renditions["specs"]
    assert [(e["w"], e["h"]) for e in specs["card"]] == [(320, 180), (480, 270), (640, 360)]
    assert [(e["w"], e["h"]) for e in specs["wide"]] == [
        (640, 360),
        (960, 540),
        (1280, 720),
        (1600, 900),
    ]
    assert [(e["w"], e["h"]) for e in specs["social"]] == [(1200, 630)]
    assert set(specs["social"][0]) == {"w", "h", "jpeg"}  # crawlers read JPEG
    names = manifest_names(article.cover_renditions)
    # card 640 and wide 640 are the same file: one per (size, crop, format)
    assert len(names) == (3 + 4 - 1) * 3 + 1
    for name in names:
        assert re.fullmatch(
            rf"covers/r/{digest}/\d+x\d+-f050050-e{renditions.ENCODER_VERSION}\.(avif|webp|jpg)",
            name,
        ), name
        image = picture(name)
        assert (
            image.format == {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}[name[-4:].lstrip(".")]
        )


def test_different_pictures_get_different_names_the_same_picture_one_set_of_files():
    first = with_cover(jpeg((3, 140, 77), size=(1000, 600), name="photo.jpg"))
    other = with_cover(jpeg((140, 3, 77), size=(1000, 600), name="photo.jpg"))
    assert first.cover_digest != other.cover_digest
    assert not manifest_names(first.cover_renditions) & manifest_names(other.cover_renditions)
    # The same picture uploaded again (another article, another random upload name).
    again = with_cover(jpeg((3, 140, 77), size=(1000, 600), name="photo.jpg"))
    assert again.cover.name != first.cover.name
    assert again.cover_digest == first.cover_digest
    assert again.cover_renditions == first.cover_renditions
    folder = f"covers/r/{first.cover_digest}"
    assert files_in(folder) == manifest_names(first.cover_renditions)


def test_a_replaced_picture_gets_new_renditions_and_the_old_ones_go(
    django_capture_on_commit_callbacks,
):
    article = with_cover(jpeg((90, 90, 10), size=(900, 600)))
    old = manifest_names(article.cover_renditions)
    assert all(default_storage.exists(name) for name in old)
    with django_capture_on_commit_callbacks(execute=True):
        article.cover = jpeg((10, 90, 90), size=(900, 600))
        article.save()
        services.article_saved(article)
    new = manifest_names(article.cover_renditions)
    assert new
    assert not old & new
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in new)


def test_old_renditions_stay_while_another_article_shows_the_picture(
    django_capture_on_commit_callbacks,
):
    shared = (77, 10, 200)
    one = with_cover(jpeg(shared, size=(900, 600)))
    two = with_cover(jpeg(shared, size=(900, 600)))
    names = manifest_names(one.cover_renditions)
    with django_capture_on_commit_callbacks(execute=True):
        one.cover = ""
        one.save()
        services.article_saved(one)
    assert one.cover_renditions == {}
    assert one.cover_digest == ""
    assert all(default_storage.exists(name) for name in names)  # two still shows them
    with django_capture_on_commit_callbacks(execute=True):
        services.articles_deleted([two])
        two.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_a_save_that_does_not_touch_the_picture_makes_nothing(monkeypatch):
    article = with_cover(jpeg((50, 60, 70), size=(800, 450)))
    manifest = article.cover_renditions
    made = []
    monkeypatch.setattr(renditions, "render", lambda *args: made.append(args) or b"")
    article.title_ar = "عنوان آخر"
    article.save()
    services.article_saved(article)
    assert made == []
    assert article.cover_renditions == manifest


def test_never_upscaled():
    article = with_cover(jpeg((60, 60, 200), size=(500, 400)))
    specs = article.cover_renditions["specs"]
    assert [(e["w"], e["h"]) for e in specs["card"]] == [(320, 180), (480, 270)]
    assert [(e["w"], e["h"]) for e in specs["wide"]] == [(500, 281)]  # its own width
    assert [(e["w"], e["h"]) for e in specs["social"]] == [(500, 262)]


# --- what is in a rendition -----------------------------------------------------------------


def phone_photo() -> bytes:
    """Upright on the phone: 600×400 stored with Orientation 6, GPS and camera make."""
    image = Image.new("RGB", (600, 400), RED)
    image.paste(BLUE, (0, 0, 300, 400))  # the top once turned upright (90° clockwise)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (33.0, 35.0, 17.0)
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def test_orientation_applied_and_metadata_stripped_even_from_an_unclean_source(tmp_path):
    """The pipeline itself applies the orientation and writes no metadata, whatever it reads
    (pictures stored before clean copies existed)."""
    default_storage.save("tests/raw-phone.jpg", SimpleUploadedFile("x.jpg", phone_photo()))
    manifest = renditions.refresh(
        default_storage, "tests/raw-phone.jpg", [services.WIDE, services.CARD], "tests/r"
    )
    for name in manifest_names(manifest):
        with default_storage.open(name) as handle:
            data = handle.read()
        assert b"PhoneMaker" not in data
        with Image.open(BytesIO(data)) as image:
            assert not image.getexif()
            assert "icc_profile" not in image.info
            rgb = image.convert("RGB")
            assert rgb.height < rgb.width  # a 16:9 crop of the upright 400×600 picture
            assert same_colour(rgb.getpixel((rgb.width // 2, 1)), BLUE), name
            assert same_colour(rgb.getpixel((rgb.width // 2, rgb.height - 2)), RED), name


def icc_profile_with_swapped_primaries() -> bytes:
    """An ICC v2 RGB display profile whose red primary is sRGB's green and whose green is
    sRGB's red (linear curves): pure red in this profile is pure green in sRGB."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0100) + b"\0\0"
    text = b"swapped\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * (4 + 4 + 2 + 1 + 67)
    desc += b"\0" * (-len(desc) % 4)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),  # sRGB's green
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"APPL"
        + b"\0" * 4 * 3
        + b"\0" * 8
        + b"\0" * 4
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + b"\0" * 4
        + b"\0" * 16
        + b"\0" * 28
    )
    assert len(header) == 128
    return header + table + data


def test_a_colour_profile_is_converted_to_srgb():
    buffer = BytesIO()
    icc = icc_profile_with_swapped_primaries()
    Image.new("RGB", (960, 540), (255, 0, 0)).save(buffer, "JPEG", quality=95, icc_profile=icc)
    upload = SimpleUploadedFile("wide-gamut.jpg", buffer.getvalue(), content_type="image/jpeg")
    article = with_cover(upload)
    with Image.open(article.cover.open("rb")) as stored:
        assert stored.info.get("icc_profile") == icc  # the clean copy keeps the profile
    article.cover.close()
    for name in manifest_names(article.cover_renditions):
        image = picture(name)
        assert "icc_profile" not in image.info  # untagged: sRGB
        assert same_colour(centre_colour_of(image), (0, 255, 0), tolerance=40), name


def centre_colour_of(image: Image.Image) -> tuple:
    rgb = image.convert("RGB")
    return rgb.getpixel((rgb.width // 2, rgb.height // 2))


def test_the_focal_point_stays_in_the_crop():
    """A panorama with a red square at its right end: centred crops lose it, crops around
    the focal point set on it keep it."""

    def panorama():
        image = Image.new("RGB", (2400, 600), (200, 200, 200))
        image.paste(RED, (2250, 225, 2400, 375))
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=95)
        return SimpleUploadedFile("pano.jpg", buffer.getvalue(), content_type="image/jpeg")

    def has_red(name):
        rgb = picture(name).convert("RGB")
        return any(
            same_colour(pixel, RED, tolerance=40)
            for pixel in rgb.resize((64, 36)).get_flattened_data()
        )

    centred = with_cover(panorama())
    focused = with_cover(panorama(), cover_focal_x=0.97, cover_focal_y=0.5)
    assert focused.cover_digest == centred.cover_digest  # the same picture, other crops
    for spec in ("card", "wide", "social"):
        for entry in centred.cover_renditions["specs"][spec]:
            assert not has_red(entry["jpeg"]), entry
        for entry in focused.cover_renditions["specs"][spec]:
            for fmt in ("avif", "webp", "jpeg"):
                if fmt in entry:
                    assert has_red(entry[fmt]), entry[fmt]


def test_moving_the_focal_point_remakes_the_crops(django_capture_on_commit_callbacks):
    article = with_cover(jpeg((120, 120, 120), size=(1600, 600)))
    before = manifest_names(article.cover_renditions)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(cover_focal_x=0.1)
        article.refresh_from_db()
        services.article_saved(article, fields=["cover_focal_x"])
    after = manifest_names(article.cover_renditions)
    assert after
    assert not before & after
    assert all("-f010050-" in name for name in after)
    assert not any(default_storage.exists(name) for name in before)


# --- banners keep animation and transparency -----------------------------------------------


def gif_upload(size, colours) -> SimpleUploadedFile:
    frames = [Image.new("RGB", size, colour) for colour in colours]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=300, loop=0)
    return SimpleUploadedFile("ad.gif", buffer.getvalue(), content_type="image/gif")


def test_an_animated_gif_banner_stays_an_animated_gif():
    banner = BannerFactory(
        slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=gif_upload((600, 500), [RED, GREEN, BLUE])
    )
    entries = banner.image_renditions["specs"]["wide"]
    assert [(e["w"], e["h"]) for e in entries] == [(300, 250), (600, 500)]
    for entry in entries:
        assert set(entry) == {"w", "h", "gif"}  # no still AVIF, WebP or JPEG
        image = picture(entry["gif"])
        assert image.format == "GIF"
        assert image.n_frames == 3
        assert image.info.get("duration") == 300
        colours = [centre_colour_of(frame.copy()) for frame in ImageSequence.Iterator(image)]
        for seen, expected in zip(colours, (RED, GREEN, BLUE), strict=True):
            assert same_colour(seen, expected, tolerance=40)
    html = banners.render_banner(banner)
    assert 'type="image/avif"' not in html
    assert re.search(r'<img src="[^"]+\.gif" srcset="[^"]+\.gif 1x, [^"]+\.gif 2x"', html), html
    assert banner.click_url() in html


def test_a_transparent_png_banner_keeps_its_transparency():
    image = Image.new("RGBA", (600, 500), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (300, 0, 600, 500))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    upload = SimpleUploadedFile("ad.png", buffer.getvalue(), content_type="image/png")
    banner = BannerFactory(slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=upload)
    for entry in banner.image_renditions["specs"]["wide"]:
        assert set(entry) == {"w", "h", "avif", "webp", "png"}  # never JPEG
        for fmt in ("avif", "webp", "png"):
            rendition = picture(entry[fmt]).convert("RGBA")
            assert rendition.getpixel((5, 5))[3] < 10, (fmt, entry)  # transparent stays so
            right = rendition.getpixel((rendition.width - 5, rendition.height // 2))
            assert right[3] > 245
    html = banners.render_banner(banner)
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert re.search(r'<img src="[^"]+\.png"', html)


def test_a_transparent_cover_is_flattened_on_white_for_jpeg():
    image = Image.new("RGBA", (800, 450), (0, 0, 0, 0))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    article = with_cover(SimpleUploadedFile("c.png", buffer.getvalue(), content_type="image/png"))
    entry = article.cover_renditions["specs"]["card"][0]
    assert set(entry) == {"w", "h", "avif", "webp", "jpeg"}
    for fmt in ("avif", "webp", "jpeg"):
        assert same_colour(centre_colour_of(picture(entry[fmt])), (255, 255, 255)), fmt


# --- the tag --------------------------------------------------------------------------------


def render(template: str, **context) -> str:
    return Template("{% load pictures %}" + template).render(Context(context))


def test_the_tag_writes_sources_and_an_img_with_everything(django_assert_num_queries):
    article = with_cover(jpeg((5, 5, 5), size=(1600, 900)))
    manifest = article.cover_renditions
    with django_assert_num_queries(0):
        html = render(
            '{% picture m "card" alt=alt sizes="50vw" %}|'
            '{% picture m "wide" alt=alt sizes="100vw" priority=True %}',
            m=manifest,
            alt='Un "port" <la nuit>',
        )
    card, wide = html.split("|")
    entries = manifest["specs"]["card"]
    url = default_storage.url
    assert card.startswith('<picture><source type="image/avif" srcset="')
    assert f"{url(entries[0]['avif'])} 320w, {url(entries[1]['avif'])} 480w" in card
    assert '<source type="image/webp"' in card
    assert card.index("image/avif") < card.index("image/webp") < card.index("<img")
    assert f'src="{url(entries[1]["jpeg"])}"' in card
    assert 'width="480" height="270"' in card
    assert 'alt="Un &quot;port&quot; &lt;la nuit&gt;"' in card
    assert 'sizes="50vw"' in card
    assert 'loading="lazy"' in card
    assert 'decoding="async"' in card
    assert "fetchpriority" not in card
    assert 'fetchpriority="high"' in wide
    assert 'loading="eager"' in wide
    assert card.endswith("></picture>")


def test_a_missing_spec_falls_back_to_another_rendition_never_the_upload(client):
    world = reference_world(cover=True)
    article = world.article
    manifest = dict(article.cover_renditions)
    manifest["specs"] = {k: v for k, v in manifest["specs"].items() if k != "card"}
    Article.objects.filter(pk=article.pk).update(cover_renditions=manifest)
    page = client.get("/ar/sections/opinion/").content.decode()
    fallback = default_storage.url(manifest["specs"]["wide"][0]["jpeg"])
    assert fallback in page
    assert article.cover.url not in page
    assert render('{% picture m "card" alt="" %}', m={}) == ""
    assert render('{% picture m "card" alt="" %}', m=None) == ""


# --- every page a reader sees ---------------------------------------------------------------


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


@pytest.fixture
def full_world():
    world = reference_world(cover=True, neighbours=4)
    for n, other in enumerate(world.neighbours):
        other.cover = jpeg((40 * n, 100, 160), size=(1280, 720))
        other.cover_alt_ar = f"صورة {n}"
        other.save()
        services.article_saved(other)
    for author in world.authors:
        author.photo = jpeg((150, 100, 50), size=(400, 400), name="me.jpg")
        author.save()
        author_saved(author)
    tag = TagFactory(slug="port", name_ar="ميناء", name_fr="Port")
    world.article.tags.add(tag)
    MagazineIssueFactory(is_published=True)
    BannerFactory(slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=jpeg(RED, (600, 500)))
    AuthorFactory()
    return world


PAGES = [
    "/ar/",
    "/fr/",
    "/ar/sections/opinion/",
    "/fr/sections/opinion/",
    "/ar/tags/security/",
    "/ar/authors/sara/",
    "/fr/authors/sara/",
    "/ar/archive/2025/04/",
    "/ar/archive/2025/",
    "/ar/search/?q=الشراكة",
    "/ar/magazine/",
    "/fr/magazine/",
]


def test_every_img_on_every_public_page_has_size_alt_and_srcset(client, full_world):
    article = full_world.article
    pages = [*PAGES, article.get_absolute_url_in("ar"), article.get_absolute_url_in("fr")]
    originals = [
        article.cover.url,
        *(other.cover.url for other in full_world.neighbours),
        *(author.photo.url for author in full_world.authors),
        *(issue.cover.url for issue in MagazineIssue.objects.all()),
        *(banner.image.url for banner in Banner.objects.exclude(image="")),
    ]
    photos_seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        parser = Images()
        parser.feed(page)
        assert parser.images, url
        for img in parser.images:
            for attribute in ("width", "height", "alt"):
                assert attribute in img, (url, attribute, img)
            assert int(img["width"]) > 0, (url, img)
            assert int(img["height"]) > 0, (url, img)
            if img["src"].startswith("/media/"):
                photos_seen += 1
                assert img.get("srcset"), (url, img)
                assert img.get("sizes") or " 1x" in img["srcset"], (url, img)
        for original in originals:
            assert original not in page, (url, original)
        # No original upload name at all (covers/YYYY/MM/<random>.jpg).
        assert not re.search(r"/media/covers/\d{4}/", page), url
    assert photos_seen > 20


def test_the_article_page_cover_has_caption_credit_alt_and_priority(client):
    world = reference_world(cover=True, cover_caption_ar="الميناء ليلا", cover_credit="وكالة")
    page = client.get(world.article.get_absolute_url()).content.decode()
    figure = page[page.index('<figure class="article-cover">') : page.index("</figure>")]
    assert "<picture>" in figure
    assert 'fetchpriority="high"' in figure
    assert "الميناء ليلا" in figure
    assert "وكالة" in figure
    assert page.count('fetchpriority="high"') == 1


def test_the_home_lead_is_the_priority_picture(client):
    reference_world(cover=True, is_featured=True)
    page = client.get("/ar/").content.decode()
    assert page.count('fetchpriority="high"') == 1
    lead = page[page.index('class="card card-lead"') :]
    lead = lead[: lead.index("</article>")]
    assert 'fetchpriority="high"' in lead
    assert 'loading="eager"' in lead


def test_one_picture_on_two_home_cards_is_one_choice_of_file(client):
    """Two articles with the same cover (an agency's file photo): the lead and a top story.
    Both write the lead's <picture> (same srcset, same sizes), so a browser picks one file
    for both instead of a wide one for the lead and a card one for the row."""
    shared = (90, 140, 30)
    lead = with_cover(jpeg(shared, size=(1600, 900)), is_featured=True)
    with_cover(jpeg(shared, size=(1600, 900)))
    with_cover(jpeg((10, 10, 160), size=(1600, 900)))  # another picture: its own card
    page = client.get("/ar/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", page)
    both = [markup for markup in pictures if f"/{lead.cover_digest}/" in markup]
    assert len(both) == 2

    def choice(markup):  # what decides the file a browser downloads
        return re.findall(r'(?:srcset|sizes|src)="[^"]*"', markup)

    assert choice(both[0]) == choice(both[1])
    assert 'fetchpriority="high"' in both[0]
    assert "fetchpriority" not in both[1]
    assert 'loading="lazy"' in both[1]
    other = next(markup for markup in pictures if f"/{lead.cover_digest}/" not in markup)
    assert "320w" in other  # a card of its own picture keeps the card's widths
    assert page.count('fetchpriority="high"') == 1


# --- the regenerate command -----------------------------------------------------------------


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("regenerate_renditions", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_command_is_resumable_and_follows_spec_changes(monkeypatch):
    articles = [with_cover(jpeg((n * 50, 80, 80), size=(1000, 600))) for n in range(3)]
    manifests = [a.cover_renditions for a in articles]
    # Two records lost their manifests (an interrupted run, a restore from backup).
    Article.objects.filter(pk__in=[articles[0].pk, articles[1].pk]).update(cover_renditions={})
    output = run("--only", "articles.Article.cover", "--dry-run")
    assert "articles.Article.cover: 2 to make, 1 already current" in output
    assert Article.objects.get(pk=articles[0].pk).cover_renditions == {}
    output = run("--only", "articles.Article.cover")
    assert "articles.Article.cover: 2 made, 1 already current" in output
    assert re.search(r"articles\.Article\.cover \[#+\] 3/3 ", output)  # the progress line
    for article, manifest in zip(articles, manifests, strict=True):
        assert Article.objects.get(pk=article.pk).cover_renditions == manifest
    assert "0 made, 3 already current" in run("--only", "articles.Article.cover")
    assert "3 made, 0 already current" in run("--only", "articles.Article.cover", "--force")
    # A spec changes (a new card width): every record is out of date, once.
    card = renditions.Spec("card", (320, 480, 560, 640), (16, 9))
    monkeypatch.setattr(services, "COVER_SPECS", (card, services.WIDE, services.SOCIAL))
    assert "3 made, 0 already current" in run("--only", "articles.Article.cover")
    assert "0 made, 3 already current" in run("--only", "articles.Article.cover")
    widths = [
        e["w"] for e in Article.objects.get(pk=articles[2].pk).cover_renditions["specs"]["card"]
    ]
    assert widths == [320, 480, 560, 640]


def test_the_command_covers_every_registered_picture_field():
    labels = {item.label for item in renditions.registered()}
    assert labels == {
        "articles.Article.cover",
        "articles.Article.body",  # the pictures in article bodies (articles/body_images.py)
        "authors.Author.photo",
        "ads.Banner.image",
        "magazine.MagazineIssue.cover",
    }
    author = AuthorFactory(photo=image_upload(size=(300, 300)))
    issue = MagazineIssueFactory()
    from authors.models import Author

    Author.objects.filter(pk=author.pk).update(photo_renditions={})
    MagazineIssue.objects.filter(pk=issue.pk).update(cover_renditions={})
    output = run()
    assert "authors.Author.photo: 1 made" in output
    assert "magazine.MagazineIssue.cover: 1 made" in output
    author.refresh_from_db()
    issue.refresh_from_db()
    assert [e["w"] for e in author.photo_renditions["specs"]["photo"]] == [96, 192]
    assert [e["w"] for e in issue.cover_renditions["specs"]["cover"]] == [240, 480]


def test_seed_demo_content_has_renditions_not_originals(client, settings, tmp_path):
    settings.BASE_DIR = tmp_path  # where seed_demo writes the demo credentials
    call_command("seed_demo", allow_production=True, verbosity=0)
    with_cover = Article.objects.exclude(cover="")
    assert with_cover.exists()
    assert not with_cover.filter(cover_renditions={}).exists()
    page = client.get("/ar/").content.decode()
    assert "/media/covers/r/" in page
    assert "/media/demo/covers/" not in page
    assert download(client, re.search(r'src="(/media/covers/r/[^"]+)"', page).group(1))
