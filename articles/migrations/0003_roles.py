"""The newsroom's roles as auth groups, with their permissions on articles and authors.

A frozen copy of articles/roles.py at this migration: it must not change when that table
does (a later change gets a migration of its own). Administrators get every permission
from the post_migrate hook of articles/apps.py; banners' and the magazine's permissions
are granted by those apps' own role migrations.
tests/test_banners.py checks these migrations grant exactly articles/roles.py.
"""

from django.db import migrations

ROLES = {
    "Journalist": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "articles.view_tag",
        "articles.add_tag",
        "authors.view_author",
    ],
    "Editor": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.review_article",
        "articles.edit_any_article",
        "articles.view_section",
        "articles.view_tag",
        "articles.add_tag",
        "articles.change_tag",
        "authors.view_author",
    ],
    "Administrator": [],
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
        ("articles", "0002_postgresql_search"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
