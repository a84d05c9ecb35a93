"""Test data for banners and the weekend magazine."""

from datetime import date, timedelta
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ads.models import Banner, Slot
from ads.services import banner_saved
from magazine.models import MagazineIssue
from magazine.services import issue_saved

# The smallest file every PDF reader opens: header, one empty page, trailer, %%EOF.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="issue.pdf", content=MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_upload(size, name="banner.png", colour=(30, 90, 200)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class BannerFactory(factory.django.DjangoModelFactory):
    """A running text banner in the sidebar of every edition; pass image=… for a picture."""

    class Meta:
        model = Banner

    name = factory.Sequence(lambda n: f"Banner {n}")
    slot = Slot.SIDEBAR
    kind = Banner.Kind.TEXT
    text = factory.Sequence(lambda n: f"Sponsored link {n}")
    link_url = factory.Sequence(lambda n: f"https://advertiser{n}.example.com/landing?utm=1")
    languages = factory.LazyFunction(lambda: ["ar", "fr", "en"])
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    weight = 1
    is_active = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            banner_saved(instance)  # as every writer does: the images' renditions


class MagazineIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MagazineIssue

    title = factory.Sequence(lambda n: f"Le magazine {n}")
    number = factory.Sequence(lambda n: 100 + n)
    issue_date = factory.Sequence(lambda n: date(2025, 1, 3) + timedelta(weeks=n))
    cover = factory.LazyFunction(lambda: png_upload((480, 680), name="cover.png"))
    pdf = factory.LazyFunction(pdf_upload)
    languages = factory.LazyFunction(lambda: ["ar", "fr", "en"])
    is_published = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            issue_saved(instance)  # as every writer does: the cover's renditions
