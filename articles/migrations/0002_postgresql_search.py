"""PostgreSQL's text-search pieces (skipped on other databases; articles/search.py).

The unaccent extension, a `french_unaccent` text-search configuration (accents removed
before the French stemmer) and a GIN index on the weighted vectors of the search documents.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

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


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
        PostgreSQLOnly(FRENCH_UNACCENT, "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"),
        # Full-text search: `vector @@ query` over every document.
        PostgreSQLOnly(
            "CREATE INDEX searchtext_vector_gin ON articles_articlesearchtext USING gin (vector);",
            "DROP INDEX IF EXISTS searchtext_vector_gin;",
        ),
    ]
