"""Demo weekend magazine issues for `seed_demo`: drawn offline, idempotent."""

from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.demo.images import font

from .models import MagazineIssue
from .services import issue_saved

ISSUES = [
    (118, "Spécial Maroc–France", (179, 18, 31)),
    (119, "Les métiers de demain", (26, 95, 180)),
    (120, "Un été au Maroc", (0, 110, 90)),
]


def seed_issues(stdout=None) -> None:
    made_issues = 0
    last_friday = timezone.localdate() - timedelta(days=(timezone.localdate().weekday() - 4) % 7)
    for age, (number, title, colour) in enumerate(reversed(ISSUES)):
        if MagazineIssue.objects.filter(number=number).exists():
            continue
        issue = MagazineIssue(
            number=number,
            title=title,
            issue_date=last_friday - timedelta(weeks=age),
            is_published=True,
        )
        cover = _cover(colour, number, title)
        issue.cover.save(f"magazine-{number}.jpg", ContentFile(cover), save=False)
        issue.pdf.save(f"magazine-{number}.pdf", ContentFile(_pdf(cover)), save=False)
        issue.full_clean()
        issue.save()
        issue_saved(issue)  # its cover's renditions (magazine/services.py)
        made_issues += 1
    if stdout is not None:
        stdout.write(
            f"Magazine issues: {made_issues} created ({MagazineIssue.objects.count()} in all)."
        )


def _cover(colour, number: int, title: str) -> bytes:
    width, height = 480, 680
    image = Image.new("RGB", (width, height), (250, 248, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 150], fill=colour)
    draw.text((24, 40), "WEEK-END", fill=(255, 255, 255), font=font(64))
    draw.text((24, 110), f"N° {number}", fill=(255, 255, 255), font=font(28))
    for i in range(5):
        y = 200 + i * 80
        draw.rectangle(
            [24, y, width - 24, y + 56], fill=tuple(min(255, c + 40 * i) for c in colour)
        )
    draw.text((24, height - 70), title, fill=(22, 22, 22), font=font(30))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _pdf(cover: bytes) -> bytes:
    """A one-page PDF of the cover: a real PDF (header, %%EOF) made by Pillow."""
    buffer = BytesIO()
    with Image.open(BytesIO(cover)) as image:
        image.convert("RGB").save(buffer, "PDF", resolution=72)
    return buffer.getvalue()
