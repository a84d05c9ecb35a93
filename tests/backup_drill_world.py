"""The backup drill's small world, and what the site serves of it (tests/test_backup_drill.py).

Run in a process of its own against the database of DATABASE_URL and the media folders of
MEDIA_ROOT and PRIVATE_MEDIA_ROOT (the drill's, never pytest's test database):

    python -m tests.backup_drill_world seed       # writes the world through the real services
    python -m tests.backup_drill_world snapshot   # prints, as JSON, what the site serves of it
    python -m tests.backup_drill_world seed snapshot

`snapshot` asks the site through Django's test client (the whole middleware stack, DEBUG
off, SERVE_MEDIA on): the article pages in both editions, the cover and every one of its
renditions, the body picture's renditions, the banner's images, the magazine PDF, search in
both editions; and counts revisions, views and reader searches, and hashes every media file.
The drill compares the snapshot taken before the backup with the one after the restore.
"""

import hashlib
import json
import os
import re
import sys
from datetime import timedelta


def seed() -> None:
    import reversion
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from ads.models import Banner, BannerStat, Slot
    from articles import services
    from articles.models import Article, ArticleViewHourly
    from searchlog.services import record_search
    from tests.banner_factories import BannerFactory, MagazineIssueFactory, png_upload
    from tests.factories import ArticleFactory, image_upload
    from tests.world import reference_world

    world = reference_world(cover=True, neighbours=2)
    article = world.article
    # A picture in the body, uploaded as the editor's picker stores it (articles/body_images.py).
    picture = image_upload(name="square.jpg", size=(900, 600), colour=(20, 140, 90))
    name = default_storage.save("inline/2025/04/drill.jpg", ContentFile(picture.read()))
    # Three revisions: as created, then two edits of the text, each saved by the write path.
    for step, body in enumerate(
        (
            f'<p>مدخل</p><figure><img src="/media/{name}" alt="ساحة"></figure><p>نص</p>',
            f'<p>مدخل جديد</p><figure><img src="/media/{name}" alt="ساحة"></figure><p>نص</p>',
            None,
        )
    ):
        with reversion.create_revision():
            if body is not None:
                Article.objects.filter(pk=article.pk).update(body_ar=body)
                article.refresh_from_db()
                article.save()
                services.article_saved(article)
            reversion.add_to_revision(article)
            reversion.set_comment(f"drill step {step}")
    # Page views over a few hours (most read), and a draft that must stay unseen.
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for n, hours in enumerate((1, 2, 30)):
        ArticleViewHourly.objects.create(
            article=article, hour=now - timedelta(hours=hours), views=7 + n
        )
    ArticleViewHourly.objects.create(article=world.neighbours[0], hour=now, views=3)
    ArticleFactory(title_ar="مسودة لا تنشر", status=Article.Status.DRAFT)
    banner = BannerFactory(
        slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=png_upload((600, 500)), text=""
    )
    BannerStat.objects.create(banner=banner, date=now.date(), impressions=120, clicks=4)
    MagazineIssueFactory(title="Le magazine du week-end")
    record_search("ar", "الشراكة الأمنية", 1)
    record_search("fr", "partenariat", 1)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def snapshot() -> dict:
    from django.conf import settings
    from django.db.models import Sum
    from django.test import Client, override_settings
    from reversion.models import Version

    from ads.models import Banner, BannerStat
    from articles.models import Article, ArticleSearchText, ArticleViewHourly
    from core.renditions import manifest_names
    from magazine.models import MagazineIssue
    from searchlog.models import WeeklySearch

    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    client = Client()
    state: dict = {"pages": {}, "media": {}, "files": {}}

    def get(url: str) -> tuple[int, bytes]:
        response = client.get(url)
        return response.status_code, _body(response)

    with override_settings(STORAGES=storages, PAGE_CACHE_SECONDS=0):
        for article in Article.objects.order_by("pk"):
            for code in ("ar", "fr"):
                if not getattr(article, f"title_{code}"):
                    continue
                status, html = get(article.get_absolute_url_in(code))
                title = re.search(rb"<h1[^>]*>(.*?)</h1>", html, re.S)
                state["pages"][f"{article.pk}/{code}"] = [
                    status,
                    title.group(1).decode().strip() if title else None,
                ]
            urls = set()
            if article.cover:
                urls.add(article.cover.url)
                urls |= {settings.MEDIA_URL + n for n in manifest_names(article.cover_renditions)}
            urls |= set(re.findall(r'(/media/inline/r/[^\s"]+)', article.body_ar or ""))
            for url in sorted(urls):
                status, data = get(url)
                state["media"][url] = [status, _sha(data)]
        for banner in Banner.objects.order_by("pk"):
            for url in sorted(
                settings.MEDIA_URL + n for n in manifest_names(banner.image_renditions)
            ):
                status, data = get(url)
                state["media"][url] = [status, _sha(data)]
        for issue in MagazineIssue.objects.order_by("pk"):
            status, data = get(issue.download_url())
            state["media"][issue.download_url()] = [status, _sha(data)]
        for code, query in (("ar", "الشراكة"), ("fr", "partenariat")):
            status, html = get(f"/{code}/search/?q={query}")
            titles = re.findall(rb"<h2[^>]*>\s*<a[^>]*>(.*?)</a>", html, re.S)
            state["pages"][f"search/{code}"] = [status, [t.decode().strip() for t in titles]]
    state["revisions"] = {
        str(a.pk): Version.objects.get_for_object(a).count() for a in Article.objects.order_by("pk")
    }
    state["views"] = {
        str(row["article"]): row["total"]
        for row in ArticleViewHourly.objects.values("article").annotate(total=Sum("views"))
    }
    state["banner_stats"] = list(BannerStat.objects.values_list("impressions", "clicks"))
    state["search_documents"] = ArticleSearchText.objects.count()
    state["reader_searches"] = sorted(
        WeeklySearch.objects.values_list("language", "text", "searches")
    )
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        root = str(getattr(settings, setting))
        for directory, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(directory, name)
                with open(path, "rb") as file:
                    state["files"][f"{setting}/{os.path.relpath(path, root)}"] = _sha(file.read())
    return state


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    for step in sys.argv[1:]:  # "seed snapshot": both in one process
        if step == "seed":
            seed()
        else:
            print(json.dumps(snapshot(), ensure_ascii=False, sort_keys=True))
