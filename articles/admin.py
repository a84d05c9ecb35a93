import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_inputs import SafeAutocompleteMixin, ValidSelectionMixin
from core.admin_services import FollowedByServices
from core.editions import current_language

from . import admin_views, history, presence, services, workflow
from .forms import ArticleAdminForm, body_editor_widget, language_attrs
from .models import (
    Article,
    ArticleAuthor,
    ArticleEvent,
    Section,
    Tag,
)


@admin.register(Section)
class SectionAdmin(ValidSelectionMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_ar", "name_fr", "slug"]


@admin.register(Tag)
class TagAdmin(ValidSelectionMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_ar", "name_fr", "slug"]


class BylineForm(forms.ModelForm):
    class Meta:
        model = ArticleAuthor
        fields = ["author", "position"]

    def has_changed(self):
        # The byline pre-filled with the writer's own name counts even when left as is.
        if self.instance.pk is None and self.data.get(self.add_prefix("author")):
            return True
        return super().has_changed()


class BylineInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ArticleAuthor
    form = BylineForm
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in byline order)")

    # Whoever may edit the article may edit its byline (the article's rules apply).
    def has_add_permission(self, request, obj=None):
        return _article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return _article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _article_editable(request, obj)

    def has_view_permission(self, request, obj=None):
        return obj is None or workflow.can_view(request.user, obj)


def _article_editable(request, obj) -> bool:
    if obj is None:
        return request.user.has_perm("articles.add_article") or request.user.has_perm(
            "articles.change_article"
        )
    return workflow.can_edit(request.user, obj)


class PublicationFilter(admin.SimpleListFilter):
    title = _("on the site")
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        live = Article.objects.published().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=live)
        if self.value() == "no":
            return queryset.exclude(pk__in=live)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    FollowedByServices, ValidSelectionMixin, SafeAutocompleteMixin, TabbedTranslationAdmin
):
    # A save's effects need the bylines and the previous bodies: save_model and
    # save_related below call articles/services.py themselves; deletes follow here.
    deleted = staticmethod(services.articles_deleted)

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline",
        "section",
        "byline",
        "status",
        "publish_at",
        "is_published",
        "is_featured",
        "is_breaking",
        "updated_at",
    ]
    list_filter = [
        "status",
        PublicationFilter,
        "section",
        "bylines__author",
        "is_featured",
        "is_breaking",
        "publish_at",
    ]
    list_display_links = ["headline"]
    list_select_related = ["section"]
    search_fields = ["title_ar", "title_fr", "slug"]

    @admin.display(description=_("title"), ordering="title")
    def headline(self, obj):
        """The title in the admin's language, else in the first edition that has one.

        An Arabic-only article must not show up as "-" in a French back office.
        """
        editions = obj.available_languages()
        code = current_language()
        shown = code if code in editions else (editions[0] if editions else None)
        title = getattr(obj, f"title_{shown}") if shown else obj.slug
        return format_html(
            '<bdi dir="auto">{}</bdi> <small class="article-editions">{}</small>',
            title,
            " · ".join(c.upper() for c in editions),
        )

    date_hierarchy = "publish_at"
    autocomplete_fields = ["tags"]
    inlines = [BylineInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "lead", "body"]}),
        (
            _("Cover"),
            {
                "fields": [
                    "cover",
                    "cover_preview",
                    ("cover_focal_x", "cover_focal_y"),
                    "cover_alt",
                    "cover_caption",
                    "cover_credit",
                ]
            },
        ),
        (_("Filing"), {"fields": ["section", "tags", "slug"]}),
        (
            _("Publication"),
            {"fields": ["status", "publish_at", "unpublish_at", "is_featured", "is_breaking"]},
        ),
        (_("History"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    class Media:
        css = {"all": ["articles/admin/article.css"]}
        js = ["articles/admin/article.js"]

    # --- who sees and changes what ---------------------------------------------------

    def get_queryset(self, request):
        # The changelist skips list_select_related once a select_related is set: name both.
        queryset = super().get_queryset(request).select_related("section", "created_by")
        return queryset.with_authors().filter(workflow.visible_to(request.user))

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or workflow.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        # The status moves only through the workflow buttons, never by editing it.
        fields = ["status", "cover_preview", "created_by", "created_at", "updated_at"]
        if not workflow.can_publish(request.user):
            fields += ["publish_at", "unpublish_at", "is_featured", "is_breaking"]
        if not workflow.can_edit_any(request.user) or (
            obj is not None and obj.status == Article.Status.PUBLISHED
        ):
            fields.append("slug")  # a published address never changes
        return fields

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        profile = getattr(request.user, "author_profile", None)
        if isinstance(inline, BylineInline) and obj.pk is None and profile is not None:
            # A new article is signed by whoever writes it, unless they change that.
            kwargs["initial"] = [{"author": profile.pk}]
        return kwargs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body_"):
            kwargs["widget"] = body_editor_widget()
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # Arabic fields are right-to-left whatever the admin's language, and so on.
            field.widget.attrs.update(language_attrs(db_field.name))
        return field

    # --- list ------------------------------------------------------------------------

    @admin.display(description=_("authors"))
    def byline(self, obj):
        return ", ".join(str(author) for author in obj.ordered_authors())

    @admin.display(description=_("cover preview"))
    def cover_preview(self, obj):
        if not obj or not obj.cover:
            return mark_safe('<img class="cover-preview" alt="" hidden>')
        # Staff see the stored cover itself (the focal point is set on it).
        return format_html(
            '<img class="cover-preview" src="{}" alt="{}" width="240">',
            obj.cover.url,
            obj.cover_alt,
        )

    # --- saving ----------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # One revision per save: the article, its bylines, and any workflow step taken.
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change and not obj.created_by_id:
            obj.created_by = request.user
        changed = [
            name for name in form.changed_data if name not in ("edit_version", "review_note")
        ]
        if change:
            obj.edit_version = (form.locked_version or obj.edit_version) + 1
            workflow.text_changed(obj, changed)
        reversion.set_comment(
            gettext("Changed: %(fields)s") % {"fields": ", ".join(changed)}
            if change
            else gettext("Created")
        )
        # The pictures the stored bodies show, read before they are overwritten: the
        # renditions of those this save takes out go after commit (services.article_saved).
        form.pictures_before = (
            services.body_pictures([obj.pk]).get(obj.pk)
            if change and any(name.startswith("body") for name in changed)
            else None
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(f.has_changed() for f in formsets) and change:
            comment = reversion.get_comment()
            reversion.set_comment(f"{comment}, {gettext('authors')}")
        obj = form.instance
        user = request.user
        # The article and its bylines and tags are saved: its thumbnail, search documents
        # and cached pages follow.
        services.article_saved(obj, pictures_before=getattr(form, "pictures_before", None))
        name = form.transition
        if name == "submit":
            workflow.submit(obj, by=user)
        elif name == "return":
            workflow.return_to_author(obj, by=user, note=form.cleaned_data["review_note"])
        elif name == "publish":
            workflow.publish_now(obj, by=user)
        elif name == "schedule":
            workflow.schedule(obj, by=user, at=obj.publish_at)
        elif name == "unpublish":
            workflow.unpublish(obj, by=user)
        elif change and obj.status == Article.Status.RETURNED:
            workflow.reopen(obj, by=user)
        presence.leave(obj, user)

    def response_add(self, request, obj, post_url_continue=None):
        if self._transition_done(request, obj):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._transition_done(request, obj):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _transition_done(self, request, obj) -> bool:
        name = request.POST.get("_transition")
        if name not in workflow.TRANSITIONS:
            return False
        messages.success(
            request,
            gettext("%(action)s: done. The article is now %(status)s.")
            % {
                "action": workflow.TRANSITIONS[name].label,
                "status": obj.get_status_display().lower(),
            },
        )
        return True

    # --- the change form's extras ----------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article()
        context.update(
            transitions=workflow.allowed_transitions(article, request.user),
            events=list(article.events.select_related("actor")[:20]) if obj else [],
            return_note=_latest_return_note(obj),
            others_editing=presence.others_editing(obj, request.user) if obj else [],
            can_publish=workflow.can_publish(request.user),
            presence_seconds=settings.EDIT_PRESENCE_SECONDS,
            conflict=getattr(
                context.get("adminform") and context["adminform"].form, "conflict", None
            ),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None and self.has_change_permission(request, obj):
                presence.touch(obj, request.user)
                history.ensure_baseline(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        return admin_views.history_page(self, request, object_id)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "upload-image/",
                wrap(admin_views.ImageUpload.as_view(model_admin=self)),
                name="{}_{}_upload_image".format(*info),
            ),
            path(
                "<path:object_id>/preview/",
                wrap(admin_views.PreviewPage.as_view(model_admin=self)),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/preview/revoke/",
                wrap(admin_views.RevokePreviews.as_view(model_admin=self)),
                name="{}_{}_preview_revoke".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(admin_views.RestoreRevision.as_view(model_admin=self)),
                name="{}_{}_restore".format(*info),
            ),
            path(
                "<path:object_id>/heartbeat/",
                wrap(admin_views.Heartbeat.as_view(model_admin=self)),
                name="{}_{}_heartbeat".format(*info),
            ),
            *super().get_urls(),
        ]

    # --- bulk actions ----------------------------------------------------------------

    @admin.action(description=_("Submit selected articles for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, lambda a: workflow.submit(a, by=request.user))

    @admin.action(description=_("Publish selected articles now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, lambda a: workflow.publish_now(a, by=request.user))

    @admin.action(description=_("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, lambda a: workflow.unpublish(a, by=request.user))

    def _bulk(self, request, queryset, step) -> None:
        done, refused = 0, []
        for article in queryset:
            try:
                step(article)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", [str(error)]))
                refused.append(f"“{article}”: {reason}")
        if done:
            messages.success(request, gettext("%(count)d article(s) done.") % {"count": done})
        for line in refused:
            messages.error(request, line)


def _latest_return_note(article) -> ArticleEvent | None:
    if article is None or article.pk is None:
        return None
    event = (
        article.events.filter(action__in=(ArticleEvent.Action.RETURN, ArticleEvent.Action.SUBMIT))
        .select_related("actor")
        .first()
    )
    return event if event and event.action == ArticleEvent.Action.RETURN else None


# The back office carries the site's name, not "Django administration".
admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = _("Back office")
