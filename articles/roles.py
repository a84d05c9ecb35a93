"""The newsroom's roles, as auth groups, created on every deployment by data migrations that
carry a frozen copy of ROLE_PERMISSIONS: articles 0003_roles, ads 0002_roles and magazine
0002_roles, each granting its own app's part (tests/test_banners.py checks they agree).

What each role may do with an article is decided in `articles/workflow.py` from these
permissions: `publish_article` (publish, schedule, unpublish, featured/breaking),
`review_article` (return to the journalist with a note), `edit_any_article` (edit every
article whatever its status or author). Without `edit_any_article`, a user edits only the
articles they own, while in draft or returned from review.
"""

JOURNALIST = "Journalist"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    JOURNALIST: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "articles.view_tag",
        "articles.add_tag",
        "authors.view_author",
    ],
    EDITOR: [
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
        # Banners (ads app; statistics come with view_banner) and the weekend magazine.
        "ads.add_banner",
        "ads.change_banner",
        "ads.delete_banner",
        "ads.view_banner",
        "magazine.add_magazineissue",
        "magazine.change_magazineissue",
        "magazine.delete_magazineissue",
        "magazine.view_magazineissue",
        # What readers search for (searchlog: a read-only weekly table).
        "searchlog.view_weeklysearch",
    ],
    ADMINISTRATOR: ["*"],  # every permission of the project's apps and of auth
}
ADMINISTRATOR_APPS = ("articles", "authors", "ads", "magazine", "searchlog", "auth", "reversion")


def sync_administrator_role(apps=None, **kwargs) -> None:
    """Give the Administrator group every permission of ADMINISTRATOR_APPS.

    Connected to post_migrate, so permissions of models added later (banners in the
    `ads` app, say) reach administrators with no migration of their own.
    """
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
        )


def sync_roles(apps=None) -> None:
    """Create the role groups and give them exactly their permissions (idempotent).

    For databases the migrations did not make (a flushed test database, seed_demo); the
    migrations keep their own frozen copy of the table.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        if codes == ["*"]:
            perms = Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
        else:
            perms = []
            for code in codes:
                app_label, codename = code.split(".")
                perm = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                # A permission whose model is not installed is skipped.
                if perm is not None:
                    perms.append(perm)
        group.permissions.set(perms)
