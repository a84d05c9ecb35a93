"""Renditions are made and deleted by the write path, by name (docs/media.md): never by a
model's save() or a delete signal. Every writer calls the services (the admin, the demo
seeders, the test factories); deleting an article deletes the renditions of the pictures
its body showed; an emptied rendition folder goes; a rendition deleted by hand is noticed
and made again by the regenerate command. Real files in the test MEDIA_ROOT, the admin's
forms posted as a browser posts them."""

import os
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from ads.models import Banner, Slot
from ads.services import banner_saved, banners_deleted
from articles import services
from articles.body_images import body_sources
from articles.models import Article
from authors.models import Author
from authors.services import author_saved, authors_deleted
from core.renditions import manifest_names
from magazine.models import MagazineIssue
from magazine.services import issue_saved, issues_deleted
from tests.banner_factories import BannerFactory, MagazineIssueFactory, png_upload
from tests.factories import ArticleFactory, AuthorFactory, UserFactory
from tests.personas import change_url, draft_by, form_data, make_journalist
from tests.pictures import jpeg, post_ok

pytestmark = pytest.mark.django_db

RED, GREEN, BLUE = (230, 20, 20), (20, 200, 40), (20, 40, 220)


def exists(names) -> list[bool]:
    return [default_storage.exists(name) for name in sorted(names)]


def folder_on_disk(name: str) -> str:
    """The local folder of a stored file (the test storage is a FileSystemStorage)."""
    return os.path.dirname(default_storage.path(name))


# --- authors, banners, magazine issues: explicit services ---------------------------------

# kind: (build an unsaved row with a picture, its manifest attribute, the field and a new
# upload for the admin's form, the admin's URL, the services)
ROWS = {
    "author": (
        lambda: AuthorFactory.build(photo=jpeg(RED, size=(400, 400))),
        "photo_renditions",
        ("photo", lambda: jpeg(GREEN, size=(400, 400), name="new.jpg")),
        "/admin/authors/author/",
        author_saved,
        authors_deleted,
    ),
    "banner": (
        lambda: BannerFactory.build(
            slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=jpeg(RED, size=(600, 500))
        ),
        "image_renditions",
        ("image", lambda: jpeg(GREEN, size=(600, 500), name="new.jpg")),
        "/admin/ads/banner/",
        banner_saved,
        banners_deleted,
    ),
    "issue": (
        lambda: MagazineIssueFactory.build(),
        "cover_renditions",
        ("cover", lambda: png_upload((480, 680), name="new.png", colour=GREEN)),
        "/admin/magazine/magazineissue/",
        issue_saved,
        issues_deleted,
    ),
}


@pytest.mark.parametrize("kind", ROWS)
def test_save_and_delete_touch_only_the_row_the_services_do_the_rest(
    kind, django_capture_on_commit_callbacks
):
    build, attribute, _field, _url, saved, deleted = ROWS[kind]
    row = build()
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
    row.refresh_from_db()
    assert getattr(row, attribute) == {}  # no side effect hidden in save()

    with django_capture_on_commit_callbacks(execute=True):
        saved(row)
    row.refresh_from_db()
    names = manifest_names(getattr(row, attribute))
    assert names
    assert all(exists(names))

    with django_capture_on_commit_callbacks(execute=True):
        type(row).objects.filter(pk=row.pk).delete()
    assert all(exists(names))  # nor in a delete signal
    with django_capture_on_commit_callbacks(execute=True):
        deleted([row])
    assert not any(exists(names))


@pytest.fixture
def root(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def saved_row(kind):
    """A row as the test factories write it (they call the services)."""
    if kind == "author":
        return AuthorFactory(photo=jpeg(RED, size=(400, 400)))
    if kind == "banner":
        return BannerFactory(
            slot=Slot.SIDEBAR, kind=Banner.Kind.IMAGE, image=jpeg(RED, size=(600, 500))
        )
    return MagazineIssueFactory()


@pytest.mark.parametrize("kind", ROWS)
def test_the_admin_replacing_a_picture_makes_new_renditions_and_deletes_the_old(
    kind, root, django_capture_on_commit_callbacks
):
    _build, attribute, (field, upload), base, _saved, _deleted = ROWS[kind]
    row = saved_row(kind)
    old = manifest_names(getattr(row, attribute))
    assert old
    assert all(exists(old))
    url = f"{base}{row.pk}/change/"
    data = form_data(root.get(url))
    data[field] = upload()
    with django_capture_on_commit_callbacks(execute=True):
        post_ok(root, url, data)
    row.refresh_from_db()
    new = manifest_names(getattr(row, attribute))
    assert new
    assert not new & old
    assert all(exists(new))
    assert not any(exists(old))
    assert not os.path.isdir(folder_on_disk(next(iter(old))))  # no empty folder left


@pytest.mark.parametrize("kind", ROWS)
def test_the_admin_deleting_a_row_deletes_its_renditions(
    kind, root, django_capture_on_commit_callbacks
):
    _build, attribute, _field, base, _saved, _deleted = ROWS[kind]
    row = saved_row(kind)
    names = manifest_names(getattr(row, attribute))
    assert all(exists(names))
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(f"{base}{row.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not type(row).objects.filter(pk=row.pk).exists()
    assert not any(exists(names))
    assert not os.path.isdir(folder_on_disk(next(iter(names))))


@pytest.mark.parametrize("kind", ROWS)
def test_the_admin_bulk_delete_deletes_renditions_unless_another_row_shows_them(
    kind, root, django_capture_on_commit_callbacks
):
    _build, attribute, _field, base, _saved, _deleted = ROWS[kind]
    one, two, kept = saved_row(kind), saved_row(kind), saved_row(kind)
    names = manifest_names(getattr(one, attribute))
    assert manifest_names(getattr(kept, attribute)) == names  # the same picture: one set
    data = {"action": "delete_selected", "_selected_action": [one.pk, two.pk], "post": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(base, data)
    assert response.status_code == 302
    assert not type(one).objects.filter(pk__in=[one.pk, two.pk]).exists()
    assert all(exists(names))  # `kept` still shows them
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(f"{base}{kept.pk}/delete/", {"post": "yes"})
    assert not any(exists(names))


def test_the_demo_seeders_make_every_picture_s_renditions(settings, tmp_path):
    settings.BASE_DIR = tmp_path  # where seed_demo writes the demo credentials
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    for model, attribute in (
        (Author, "photo_renditions"),
        (Banner, "image_renditions"),
        (MagazineIssue, "cover_renditions"),
    ):
        rows = model.objects.exclude(**{attribute.replace("_renditions", ""): ""})
        assert rows.exists(), model
        for row in rows:
            names = manifest_names(getattr(row, attribute))
            assert names, (model, row.pk)
            assert all(exists(names)), (model, row.pk)


# --- articles: the body's pictures go with the article ------------------------------------


def body_with(*uploads) -> str:
    return "".join(
        f'<figure><img src="{default_storage.url(name)}" alt="صورة"></figure><p>نص.</p>'
        for name in uploads
    )


def inline_upload(colour) -> str:
    """A picture as the body editor's picker stores it (inline/<year>/<month>/…)."""
    return default_storage.save(f"inline/2026/12/{colour[0]}-{colour[1]}.jpg", jpeg(colour))


def body_renditions(article) -> set[str]:
    """The rendition files the article's stored bodies name."""
    from articles.body_images import RENDITION_FOLDER

    names = set()
    for code in ("ar", "fr"):
        body = getattr(article, f"body_{code}") or ""
        for part in body.split('"'):
            for candidate in part.split(","):
                url = candidate.strip().split(" ")[0]
                if url.startswith(default_storage.base_url + RENDITION_FOLDER):
                    names.add(url.removeprefix(default_storage.base_url))
    return names


def article_with_body(*uploads, **fields) -> Article:
    article = ArticleFactory(body_ar=body_with(*uploads), **fields)
    article.refresh_from_db()
    assert body_sources(article.body_ar) == set(uploads)
    return article


def test_the_admin_deleting_an_article_deletes_its_body_pictures_renditions(
    root, django_capture_on_commit_callbacks
):
    mine, shared = inline_upload(RED), inline_upload(BLUE)
    article = article_with_body(mine, shared)
    other = article_with_body(shared)
    files = body_renditions(article)
    only_mine = {name for name in files if name.startswith(f"inline/r/{mine[7:]}/")}
    assert only_mine
    assert files - only_mine
    assert all(exists(files))
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not any(exists(only_mine))
    assert all(exists(files - only_mine))  # the other article's body still shows it
    assert not os.path.isdir(default_storage.path(f"inline/r/{mine[7:]}"))
    assert default_storage.exists(mine)  # the uploads themselves stay
    assert body_renditions(other) == files - only_mine


def test_the_admin_bulk_delete_deletes_the_articles_body_pictures_renditions(
    root, django_capture_on_commit_callbacks
):
    shared = inline_upload(GREEN)
    one, two = article_with_body(shared), article_with_body(shared)
    files = body_renditions(one)
    assert files
    assert body_renditions(two) == files
    data = {"action": "delete_selected", "_selected_action": [one.pk, two.pk], "post": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        response = root.post("/admin/articles/article/", data)
    assert response.status_code == 302
    assert not Article.objects.filter(pk__in=[one.pk, two.pk]).exists()
    assert not any(exists(files))


def test_a_body_changed_by_update_loses_the_renditions_of_pictures_taken_out(
    django_capture_on_commit_callbacks,
):
    kept, removed = inline_upload((200, 200, 10)), inline_upload((10, 200, 200))
    article = article_with_body(kept, removed)
    files = body_renditions(article)
    gone = {name for name in files if name.startswith(f"inline/r/{removed[7:]}/")}
    assert gone
    before = services.body_pictures([article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(body_ar=body_with(kept))
        services.articles_updated([article.pk], fields=["body_ar"], pictures_before=before)
    article.refresh_from_db()
    assert body_renditions(article) == files - gone
    assert not any(exists(gone))
    assert all(exists(files - gone))


def test_a_restored_revision_that_drops_a_picture_deletes_its_renditions(
    client, django_capture_on_commit_callbacks
):
    """The history's restore is a writer too: it reads the bodies before it saves."""
    import reversion

    from articles import history

    sara = make_journalist("sara")
    article = draft_by(sara)
    with reversion.create_revision():
        article.save()
    picture = inline_upload((120, 30, 160))
    client.force_login(sara)
    data = form_data(client.get(change_url(article)))
    data["body_ar"] = body_with(picture)
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    files = body_renditions(article)
    assert files
    first = reversion.models.Version.objects.get_for_object(article).last()
    with django_capture_on_commit_callbacks(execute=True):
        history.restore(article, version=first, by=sara)
    article.refresh_from_db()
    assert body_renditions(article) == set()
    assert not any(exists(files))


# --- the regenerate command notices files deleted by hand ----------------------------------


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("regenerate_renditions", *args, "--quiet-progress", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_command_makes_again_a_rendition_deleted_by_hand():
    article = ArticleFactory(cover=jpeg(RED, size=(1280, 720)))
    article.refresh_from_db()
    author = AuthorFactory(photo=jpeg(BLUE, size=(400, 400)))
    body_picture = inline_upload((40, 40, 40))
    with_body = article_with_body(body_picture)
    lost = [
        sorted(manifest_names(article.cover_renditions))[0],
        sorted(manifest_names(author.photo_renditions))[-1],
        sorted(body_renditions(with_body))[0],
    ]
    for name in lost:
        default_storage.delete(name)
    output = run()
    assert "articles.Article.cover: 1 made" in output
    assert "articles.Article.body: 1 made" in output
    assert "authors.Author.photo: 1 made" in output
    assert all(exists(lost))
    # The manifests were right: the same names, nothing else changed.
    assert Article.objects.get(pk=article.pk).cover_renditions == article.cover_renditions
    assert Author.objects.get(pk=author.pk).photo_renditions == author.photo_renditions
    assert body_renditions(Article.objects.get(pk=with_body.pk)) == body_renditions(with_body)
    # Nothing missing any more: nothing to make.
    again = run()
    assert "articles.Article.cover: 0 made" in again
    assert "authors.Author.photo: 0 made" in again
    assert "articles.Article.body: 0 made" in again


# --- empty folders ---------------------------------------------------------------------------


def test_a_replaced_cover_leaves_no_empty_folder(django_capture_on_commit_callbacks):
    article = ArticleFactory(cover=jpeg(RED, size=(900, 600)))
    article.refresh_from_db()
    old = manifest_names(article.cover_renditions)
    folder = folder_on_disk(next(iter(old)))
    assert os.path.isdir(folder)
    with django_capture_on_commit_callbacks(execute=True):
        article.cover = jpeg(GREEN, size=(900, 600))
        article.save()
        services.article_saved(article)
    assert not any(exists(old))
    assert not os.path.isdir(folder)
    assert os.path.isdir(os.path.dirname(folder))  # covers/r itself stays
