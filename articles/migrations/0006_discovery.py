"""Search documents and hourly page views; on PostgreSQL the text-search pieces.

PostgreSQL only (skipped elsewhere): the unaccent extension, a `french_unaccent`
text-search configuration (accents removed before the French stemmer) and a GIN index
on the weighted vectors. Existing articles are indexed at the end.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

FRENCH_UNACCENT = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on other databases (SQLite for `make run`)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def index_existing_articles(apps, schema_editor):
    from articles.search import refresh_search_text

    Article = apps.get_model("articles", "Article")
    ArticleSearchText = apps.get_model("articles", "ArticleSearchText")
    refresh_search_text(
        Article.objects.using(schema_editor.connection.alias).all(),
        document_model=ArticleSearchText,
        vendor=schema_editor.connection.vendor,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_featured_index"),
    ]

    operations = [
        UnaccentExtension(),
        PostgreSQLOnly(FRENCH_UNACCENT, "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"),
        migrations.CreateModel(
            name="ArticleSearchText",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=8)),
                ("title", models.TextField(blank=True)),
                ("lead", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="search_texts", to="articles.article")),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("article", "language"), name="searchtext_unique_lang")],
            },
        ),
        migrations.CreateModel(
            name="ArticleViewHourly",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("hour", models.DateTimeField()),
                ("views", models.PositiveIntegerField(default=0)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="hourly_views", to="articles.article")),
            ],
            options={
                "verbose_name": "hourly views",
                "verbose_name_plural": "hourly views",
                "indexes": [models.Index(fields=["hour", "article"], name="viewhourly_hour_idx")],
                "constraints": [models.UniqueConstraint(fields=("article", "hour"), name="viewhourly_unique_hour")],
            },
        ),
        # Full-text search: `vector @@ query` over every document.
        PostgreSQLOnly(
            "CREATE INDEX searchtext_vector_gin ON articles_articlesearchtext USING gin (vector);",
            "DROP INDEX IF EXISTS searchtext_vector_gin;",
        ),
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]
