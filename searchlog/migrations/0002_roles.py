"""Editors see what readers search for (a frozen copy of their part of articles/roles.py)."""

from django.db import migrations

ROLES = {
    "Editor": [
        "searchlog.view_weeklysearch",
    ],
}


def grant_roles(apps, schema_editor):
    """Create the role groups and give them the permissions of ROLES (idempotent).

    Historical models only: permissions are normally created after the last migration, so
    those this needs are made here, as Django would name them.
    """
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role, codes in ROLES.items():
        group, _created = Group.objects.using(db).get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            action, _, model_name = codename.partition("_")
            model = next(
                (
                    m
                    for m in apps.get_app_config(app_label).get_models()
                    if codename in dict(m._meta.permissions)
                ),
                None,
            ) or apps.get_model(app_label, model_name)
            content_type, _created = ContentType.objects.using(db).get_or_create(
                app_label=app_label, model=model._meta.model_name
            )
            name = dict(model._meta.permissions).get(
                codename, f"Can {action} {model._meta.verbose_name_raw}"
            )
            permission, _created = Permission.objects.using(db).get_or_create(
                content_type=content_type, codename=codename, defaults={"name": name}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("searchlog", "0001_weekly_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
