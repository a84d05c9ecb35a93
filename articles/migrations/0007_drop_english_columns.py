# The site offers the editions of NEWSROOM_EDITIONS among CONTENT_LANGUAGES (ar, fr): the
# English columns modeltranslation created when English was configured are dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_discovery"),
    ]

    operations = [
        migrations.RemoveField(model_name=model, name=f"{field}_en")
        for model, field in [
            ("article", "body"),
            ("article", "cover_alt"),
            ("article", "cover_caption"),
            ("article", "lead"),
            ("article", "title"),
            ("section", "description"),
            ("section", "name"),
            ("tag", "name"),
        ]
    ]
