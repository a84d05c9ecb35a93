"""Users and groups in the back office, without a way up (docs/workflow.md, "Accounts").

Django's own user admin lets anyone with `auth.change_user` tick "superuser status",
change a superuser's password or give themselves any permission. Here:

* only a superuser sees, changes, deletes or sets the password of a superuser, and only a
  superuser sets "superuser status";
* nobody else grants a permission they do not hold themselves, directly or through a group
  (adding a user to a group, or adding permissions to a group). What a user or group
  already had is kept: the rule is about granting, not about what is shown.

Every rule is enforced on the server (queryset, permissions, read-only fields, form
validation), whatever the request.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _

from core.admin_inputs import ValidSelectionMixin

User = get_user_model()


def held_by(user) -> set[str]:
    return user.get_all_permissions()


def label(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def ungrantable(user, permissions) -> list[str]:
    """Of `permissions`, those `user` may not hand out (sorted labels); none for superusers."""
    if user.is_superuser:
        return []
    return sorted({label(p) for p in permissions} - held_by(user))


def _refuse(names: list[str]) -> forms.ValidationError:
    return forms.ValidationError(
        _("You cannot grant permissions you do not have yourself: %(names)s."),
        code="escalation",
        params={"names": ", ".join(names)},
    )


def _added(form, name: str):
    """What the form adds to the m2m `name` compared with what the object has now."""
    before = set(getattr(form.instance, name).all()) if form.instance.pk else set()
    return [item for item in form.cleaned_data.get(name) or [] if item not in before]


class NoEscalationUserForm:
    """Mixin for the user forms; `request` is set by the admin."""

    request = None

    def clean_user_permissions(self):
        value = self.cleaned_data.get("user_permissions")
        added = _added(self, "user_permissions")
        refused = ungrantable(self.request.user, added)
        if refused:
            raise _refuse(refused)
        return value

    def clean_groups(self):
        value = self.cleaned_data.get("groups")
        added = _added(self, "groups")
        refused = ungrantable(
            self.request.user,
            Permission.objects.filter(group__in=[g.pk for g in added]).select_related(
                "content_type"
            ),
        )
        if refused:
            raise _refuse(refused)
        return value


class NoEscalationGroupForm:
    request = None

    def clean_permissions(self):
        value = self.cleaned_data.get("permissions")
        added = _added(self, "permissions")
        refused = ungrantable(self.request.user, added)
        if refused:
            raise _refuse(refused)
        return value


def _with_request(form_class, mixin, request):
    return type(form_class.__name__, (mixin, form_class), {"request": request})


def touches_superuser(request, obj) -> bool:
    return obj is not None and obj.is_superuser and not request.user.is_superuser


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(ValidSelectionMixin, UserAdmin):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def has_change_permission(self, request, obj=None):
        return not touches_superuser(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not touches_superuser(request, obj) and super().has_delete_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return not touches_superuser(request, obj) and super().has_view_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_request(form, NoEscalationUserForm, request)


@admin.register(Group)
class NewsroomGroupAdmin(ValidSelectionMixin, GroupAdmin):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return _with_request(form, NoEscalationGroupForm, request)
