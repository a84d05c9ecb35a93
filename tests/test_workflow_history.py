"""Revisions: every save keeps one; the history page diffs any two; restore makes a new one."""

import re

import pytest
from reversion.models import Version

from articles import history
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory
from tests.personas import change_url, draft_by, make_editor, make_journalist, open_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def sara():
    return make_journalist("sara")


def save_through_admin(client, article, **changes):
    data = open_form(client, article)
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def test_every_admin_save_keeps_a_revision_with_user_and_changed_fields(client, sara):
    article = draft_by(sara, body_ar="<p>النص الأول</p>")
    client.force_login(sara)
    save_through_admin(client, article, title_ar="عنوان ثان", body_ar="<p>النص الثاني</p>")
    save_through_admin(client, article, lead_fr="Chapeau en français")
    versions = list(history.versions_of(article))
    assert len(versions) == 3  # as it was when first opened, then two saves
    newest, older, baseline = versions
    assert baseline.revision.user is None
    assert baseline.field_dict["body_ar"] == "<p>النص الأول</p>"
    assert newest.revision.user == sara
    assert "lead_fr" in newest.revision.comment
    assert "title_ar" in older.revision.comment
    assert "body_ar" in older.revision.comment
    assert history.changed_fields(older.field_dict, newest.field_dict) == ["lead_fr"]
    # The bylines travel with the article.
    assert any(v.content_type.model == "articleauthor" for v in newest.revision.version_set.all())


def test_word_diff_marks_removed_and_added_words_and_escapes_html():
    html = history.word_diff("le chat <b> dort", "le chien <b> dort")
    assert "<del>chat</del>" in html
    assert "<ins>chien</ins>" in html
    assert "&lt;b&gt;" in html


def test_plain_text_keeps_one_line_per_block():
    assert history.plain_text("<h2>عنوان</h2><p>فقرة &amp; أخرى</p>") == "عنوان\nفقرة & أخرى"


def test_history_page_shows_a_readable_diff_per_language(client, sara):
    article = draft_by(sara, body_ar="<p>كان الجو باردا</p>", title_fr="Titre")
    client.force_login(sara)
    save_through_admin(client, article)  # the first revision: the text as written
    save_through_admin(client, article, body_ar="<p>كان الجو حارا</p>")
    save_through_admin(client, article, title_fr="Titre corrigé")
    newest, middle = history.versions_of(article)[:2]
    response = client.get(
        f"/admin/articles/article/{article.pk}/history/",
        {"from": middle.pk, "to": newest.pk},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "corrigé</ins>" in body
    # The back office speaks Arabic here (the default language): labels are translated.
    labels = {d.label: d.changed for d in response.context["diffs"]}
    assert labels["العنوان (fr)"] is True
    assert labels["النص (ar)"] is False
    older = list(history.versions_of(article))[-1]
    response = client.get(
        f"/admin/articles/article/{article.pk}/history/", {"from": older.pk, "to": middle.pk}
    )
    assert "<del>باردا</del>" in response.content.decode()
    assert "<ins>حارا</ins>" in response.content.decode()


def test_restore_brings_back_the_text_as_a_new_revision(client, sara):
    article = draft_by(sara, title_ar="العنوان الأصلي", body_ar="<p>الأصل</p>")
    client.force_login(sara)
    save_through_admin(client, article, title_ar="عنوان أول")
    first = history.versions_of(article).first()
    save_through_admin(client, article, title_ar="عنوان ثان", body_ar="<p>تغيير</p>")
    count = Version.objects.get_for_object(article).count()
    response = client.post(f"/admin/articles/article/{article.pk}/history/{first.pk}/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_ar == "عنوان أول"
    assert article.body_ar == "<p>الأصل</p>"
    assert Version.objects.get_for_object(article).count() == count + 1
    newest = history.versions_of(article).first()
    assert newest.revision.user == sara
    assert newest.revision.comment.startswith("استُعيدت مراجعة")
    # Dates in the comment follow the house style: Moroccan months, Western digits.
    assert not re.search("[٠-٩]", newest.revision.comment)
    assert newest.field_dict["title_ar"] == "عنوان أول"


def test_restore_keeps_status_and_schedule_and_brings_back_bylines(client):
    editor = make_editor()
    first_author, second_author = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[first_author], title_ar="قبل")
    client.force_login(editor)
    save_through_admin(client, article, title_ar="قبل التغيير")
    old = history.versions_of(article).first()
    article.bylines.update(author=second_author)
    save_through_admin(client, article, title_ar="بعد")
    history.restore(article, version=old, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.title_ar == "قبل التغيير"
    assert [a.pk for a in article.ordered_authors()] == [first_author.pk]


def test_journalist_cannot_restore_once_the_article_left_her_hands(client, sara):
    article = draft_by(sara, title_ar="أول")
    client.force_login(sara)
    save_through_admin(client, article, title_ar="ثان")
    version = history.versions_of(article).first()
    save_through_admin(client, article, title_ar="ثالث")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW)
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/restore/"
    assert client.post(url).status_code == 403
    assert Article.objects.get(pk=article.pk).title_ar == "ثالث"
    page = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert page.status_code == 200
    assert not page.context["can_restore"]


def test_a_revision_of_another_article_cannot_be_restored_into_this_one(client, sara):
    mine = draft_by(sara)
    other = draft_by(sara, title_ar="مقال آخر")
    client.force_login(sara)
    save_through_admin(client, other, title_ar="مقال آخر معدل")
    foreign = history.versions_of(other).first()
    url = f"/admin/articles/article/{mine.pk}/history/{foreign.pk}/restore/"
    assert client.post(url).status_code == 404
    assert Article.objects.get(pk=mine.pk).title_ar != "مقال آخر معدل"


def test_restore_needs_post(client, sara):
    article = draft_by(sara)
    client.force_login(sara)
    save_through_admin(client, article, title_ar="x")
    version = history.versions_of(article).first()
    url = f"/admin/articles/article/{article.pk}/history/{version.pk}/restore/"
    assert client.get(url).status_code == 405


def test_history_diff_shows_plain_text_fields_as_readers_see_them(client, sara):
    """Titles and leads are plain text: "<b>" or "x < y > z" in them is text, not markup.

    Only the body is HTML (turned into its readable text); the rest is diffed as typed and
    escaped on output, so nothing the reader sees is lost from the diff."""
    article = draft_by(sara, title_fr="a <b> c", lead_fr="AT&amp;T et <Maroc>")
    client.force_login(sara)
    save_through_admin(client, article)  # the first revision: the text as written
    save_through_admin(client, article, title_fr="x < y > z", lead_fr="AT&amp;T et <Maroc> !")
    response = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert response.status_code == 200
    diffs = {d.label: d for d in response.context["diffs"]}
    title, lead = diffs["العنوان (fr)"], diffs["المقدمة (fr)"]
    assert (title.old, title.new) == ("a <b> c", "x < y > z")
    assert (lead.old, lead.new) == ("AT&amp;T et <Maroc>", "AT&amp;T et <Maroc> !")
    body = response.content.decode()
    assert title.html == (
        "<del>a</del><ins>x</ins> <del>&lt;b&gt;</del><ins>&lt;</ins> <del>c</del><ins>y &gt; z</ins>"
    )
    assert title.html in body
    assert "AT&amp;amp;T et &lt;Maroc&gt;" in body
    assert "<b>" not in body.split('class="module revision-diff"')[1].split("</section>")[0]


def test_history_diff_still_reads_the_body_as_html(client, sara):
    article = draft_by(sara, body_fr="<p>un <b>gras</b> mot</p>")
    client.force_login(sara)
    save_through_admin(client, article)
    save_through_admin(client, article, body_fr="<p>un <b>gras</b> mot</p><p>x &lt; y</p>")
    response = client.get(f"/admin/articles/article/{article.pk}/history/")
    body_diff = {d.label: d for d in response.context["diffs"]}["النص (fr)"]
    assert body_diff.old == "un gras mot"
    assert body_diff.new == "un gras mot\nx < y"
