"""Demo banners for `seed_demo`: drawn offline, idempotent."""

from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from articles.demo.images import font as font_of_size

from .models import Banner, Slot
from .services import banner_saved

# name, slot, kind, text, link, weight, colours (background, text), picture size, caption
BANNERS = [
    (
        "Bannière Réseaux Sociaux",
        Slot.SIDEBAR,
        Banner.Kind.IMAGE,
        "Suivez-nous sur les réseaux sociaux",
        "https://example.com/reseaux-sociaux",
        3,
        ((24, 119, 242), (255, 255, 255)),
        (600, 500),
        "Suivez-nous\nFacebook · X · Instagram",
    ),
    (
        "Bannière Application mobile",
        Slot.SIDEBAR,
        Banner.Kind.IMAGE,
        "Notre application mobile",
        "https://example.com/application",
        1,
        ((20, 20, 20), (255, 210, 74)),
        (600, 500),
        "L'application\nToute l'actualité\nsur votre téléphone",
    ),
    (
        "Bannière Lodj DJ",
        Slot.HEADER,
        Banner.Kind.IMAGE,
        "Lodj DJ – la playlist du week-end",
        "https://example.com/lodj-dj",
        1,
        ((92, 33, 160), (255, 255, 255)),
        (1456, 180),
        "LODJ DJ · La playlist du week-end",
    ),
    (
        "Bannière Abonnement",
        Slot.IN_ARTICLE,
        Banner.Kind.IMAGE,
        "Abonnez-vous à la lettre d'information",
        "https://example.com/newsletter",
        1,
        ((179, 18, 31), (255, 255, 255)),
        (600, 500),
        "La lettre du matin\nAbonnez-vous",
    ),
    (
        "Bannière Radio",
        Slot.LISTING,
        Banner.Kind.IMAGE,
        "Écoutez la radio en direct",
        "https://example.com/radio",
        1,
        ((0, 110, 90), (255, 255, 255)),
        (1456, 180),
        "EN DIRECT · Écoutez la radio",
    ),
    (
        "Buy cheap website traffic",
        Slot.FOOTER,
        Banner.Kind.TEXT,
        "Buy cheap website traffic",
        "https://example.com/traffic",
        1,
        None,
        None,
        "",
    ),
]
MOBILE_SIZE = (640, 200)


def seed_banners(stdout=None) -> None:
    now = timezone.now()
    made_banners = 0
    for name, slot, kind, text, link, weight, colours, size, caption in BANNERS:
        if Banner.objects.filter(name=name).exists():
            continue
        banner = Banner(
            name=name,
            slot=slot,
            kind=kind,
            text=text,
            link_url=link,
            weight=weight,
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=60),
        )
        if kind == Banner.Kind.IMAGE:
            slug = slugify(name)
            banner.image.save(f"{slug}.png", _picture(size, colours, caption), save=False)
            if size[0] / size[1] > 4:  # a leaderboard: its phone version too
                banner.image_mobile.save(
                    f"{slug}-mobile.png",
                    _picture(MOBILE_SIZE, colours, caption.split(" · ")[0]),
                    save=False,
                )
        banner.full_clean()
        banner.save()
        banner_saved(banner)  # its renditions (ads/services.py)
        made_banners += 1
    if stdout is not None:
        stdout.write(f"Banners: {made_banners} created ({Banner.objects.count()} in all).")


def _picture(size, colours, caption: str) -> ContentFile:
    background, ink = colours
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle([6, 6, width - 7, height - 7], outline=ink, width=4)
    text_font = font_of_size(max(18, min(height // 5, width // 18)))
    draw.multiline_text(
        (width / 2, height / 2), caption, fill=ink, font=text_font, anchor="mm", align="center"
    )
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())
