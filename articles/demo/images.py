"""Demo pictures drawn with Pillow: no network, no binary files in the repository."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont


def cover_image(colour: tuple[int, int, int], seed: int, size=(1200, 675)) -> ContentFile:
    width, height = size
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    r, g, b = colour
    for y in range(height):  # a soft vertical gradient
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(
                int(r * (1 - shade * 0.5)),
                int(g * (1 - shade * 0.5)),
                int(b * (1 - shade * 0.5)),
            ),
        )
    for i in range(6):  # a few translucent shapes so covers are told apart
        x = (seed * 97 + i * 211) % width
        y = (seed * 53 + i * 149) % height
        radius = 60 + (seed * 31 + i * 47) % 180
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], outline=(255, 255, 255), width=6
        )
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue())


def portrait(colour: tuple[int, int, int], initials: str, size=(400, 400)) -> ContentFile:
    image = Image.new("RGB", size, (235, 235, 235))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse([w * 0.3, h * 0.12, w * 0.7, h * 0.52], fill=colour)
    draw.ellipse([w * 0.12, h * 0.58, w * 0.88, h * 1.3], fill=colour)
    draw.text((12, 12), initials, fill=(40, 40, 40))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue())


def font(size: int):
    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:  # accented letters (é, è) need a full font
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()
