"""Back-office pages of an article besides its form: history, preview, image upload, presence
(articles/presence.py).

Each checks the article's rules itself (articles/workflow.py); the admin site only
guarantees a logged-in staff member.
"""

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views import View
from reversion.models import Version

from core.dates import format_date
from core.images import sanitize_upload
from core.storage import UniqueName

from . import history, presence, preview, workflow
from .forms import ImageUploadForm
from .models import Article


def article_or_none(object_id) -> Article | None:
    """The article whose id is in the URL; None for an id that is none ("abc", "1x", or a
    number beyond the database's integer range)."""
    try:
        return Article.objects.filter(pk=Article._meta.pk.to_python(unquote(object_id))).first()
    except (ValueError, TypeError, ValidationError, OverflowError):
        return None


class ArticleAdminView(View):
    model_admin = None

    def get_article(self, request, object_id) -> Article:
        article = article_or_none(object_id)
        if article is None or not workflow.can_view(request.user, article):
            raise Http404("No such article.")
        return article

    def context(self, request, article, **extra):
        opts = Article._meta
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "original": article,
            "has_view_permission": True,
            **extra,
        }


# --- history ---------------------------------------------------------------------------


def history_page(model_admin, request, object_id):
    """Revisions and workflow events; a diff between any two revisions; restore buttons."""
    view = ArticleAdminView(model_admin=model_admin)
    article = view.get_article(request, object_id)
    versions = list(history.versions_of(article)[:200])
    by_id = {version.pk: version for version in versions}
    rows = []
    for index, version in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        rows.append(
            {
                "version": version,
                "fields": history.changed_fields(older.field_dict, version.field_dict)
                if older
                else [],
                "older": older,
            }
        )
    diffs, old, new = [], None, None
    try:
        old = by_id.get(int(request.GET.get("from", 0)))
        new = by_id.get(int(request.GET.get("to", 0)))
    except ValueError:
        pass
    if old is None and new is None and len(versions) >= 2:
        new, old = versions[0], versions[1]
    if old and new:
        diffs = history.text_diffs(old.field_dict, new.field_dict)
    context = view.context(
        request,
        article,
        title=gettext("History: %(article)s") % {"article": article},
        rows=rows,
        events=article.events.select_related("actor"),
        old=old,
        new=new,
        diffs=diffs,
        can_restore=workflow.can_edit(request.user, article),
    )
    return TemplateResponse(request, "admin/articles/article/history.html", context)


class RestoreRevision(ArticleAdminView):
    def post(self, request, object_id, version_id):
        article = self.get_article(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        if not workflow.can_edit(request.user, article):
            raise PermissionDenied
        history.restore(article, version=version, by=request.user)
        messages.success(
            request,
            gettext("Restored the revision of %(when)s as a new revision.")
            % {"when": history.describe(version)},
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


# --- preview ---------------------------------------------------------------------------


class PreviewPage(ArticleAdminView):
    """Both editions at phone and desktop widths, side by side, through a fresh link."""

    WIDTHS = (390, 1280)

    def get(self, request, object_id):
        article = self.get_article(request, object_id)
        languages = article.available_languages()
        links = [
            (code, request.build_absolute_uri(preview.preview_url(article, code)))
            for code in languages
        ]
        context = self.context(
            request,
            article,
            title=gettext("Preview: %(article)s") % {"article": article},
            links=links,
            widths=self.WIDTHS,
            expires_at=timezone.now() + timedelta(seconds=preview.max_age()),
            can_revoke=workflow.can_edit(request.user, article),
        )
        response = TemplateResponse(request, "admin/articles/article/preview.html", context)
        add_never_cache_headers(response)
        return response


class RevokePreviews(ArticleAdminView):
    def post(self, request, object_id):
        article = self.get_article(request, object_id)
        if not workflow.can_edit(request.user, article):
            raise PermissionDenied  # seeing an article is not managing its links
        preview.revoke(article)
        messages.success(request, gettext("Every preview link of this article is now invalid."))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


# --- presence --------------------------------------------------------------------------


class Heartbeat(ArticleAdminView):
    """The change form says "still here" every minute, and learns who else is."""

    def post(self, request, object_id):
        article = self.get_article(request, object_id)
        if request.POST.get("leave"):
            presence.leave(article, request.user)
        elif workflow.can_edit(request.user, article):
            presence.touch(article, request.user)
        others = [
            {
                "name": session.user.get_full_name() or session.user.get_username(),
                "since": format_date(session.started_at, "time"),
            }
            for session in presence.others_editing(article, request.user)
        ]
        return JsonResponse({"others": others})


# --- images in the body ----------------------------------------------------------------

FUNC_NUM = re.compile(r"^-?\d{1,9}$")
BODY_IMAGE_NAME = UniqueName("inline/%Y/%m")


class ImageUpload(ArticleAdminView):
    """The body editor's image picker: upload, check, store under media/inline/.

    django-prose-editor opens this page in a window (`pickerUrl`) and gets the image's
    URL and alt text back through the CKEditor-style callback it installs.
    """

    template_name = "admin/articles/article/upload_image.html"

    def dispatch(self, request, *args, **kwargs):
        if not (
            request.user.has_perm("articles.add_article")
            or request.user.has_perm("articles.change_article")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, ImageUploadForm())

    def post(self, request):
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            if request.GET.get("format") == "json":
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            return self.render(request, form, status=400)
        # A clean copy (no GPS or camera data, upright) under a random name.
        clean = sanitize_upload(form.cleaned_data["image"])
        name = default_storage.save(BODY_IMAGE_NAME(None, clean.name), clean)
        result = {
            "url": default_storage.url(name),
            "alternative_text": form.cleaned_data["alt"],
            "caption": form.cleaned_data["caption"],
        }
        if request.GET.get("format") == "json":
            return JsonResponse(result, status=201)
        return self.render(request, None, done=result)

    def render(self, request, form, status=200, done=None):
        func_num = request.GET.get("CKEditorFuncNum", "")
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": gettext("Insert an image"),
            "form": form,
            "func_num": func_num if FUNC_NUM.match(func_num) else "",
            "done": done,
            "is_popup": True,
        }
        return TemplateResponse(request, self.template_name, context, status=status)
