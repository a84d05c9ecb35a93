# The site offers the editions of NEWSROOM_EDITIONS among CONTENT_LANGUAGES (ar, fr): the
# English columns modeltranslation created when English was configured are dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="author", name=f"{field}_en")
        for field in ("bio", "name", "role")
    ]
