from django.db import migrations


def grant_roles(apps, schema_editor):
    from articles.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    """Editors manage banners and magazine issues (articles/roles.py)."""

    dependencies = [
        ("ads", "0001_initial"),
        ("magazine", "0001_initial"),
        ("articles", "0003_workflow"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
