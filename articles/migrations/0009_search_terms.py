"""The search index holds terms (articles/normalize.py's `analyze`) instead of normalized
text, and SQLite reads it with FTS5 (articles/search.py).

SQLite: an FTS5 table over the documents' title, lead and body (external content: the terms
are stored once, in articles_articlesearchtext), kept in step by triggers, so every writer
of a document (bulk upserts included) updates it. PostgreSQL: the `vector` column is now
written from the same terms (a tsvector literal), so both databases match the same terms.

`rules` records the version of the language rules each document was made with: the existing
documents get 0, so the post_migrate step of articles/apps.py rewrites them all with the
current rules right after this migration (a migration imports no application code).
"""

from django.db import migrations, models

FTS5 = [
    """CREATE VIRTUAL TABLE articles_search_fts USING fts5(
        title, lead, body,
        content='articles_articlesearchtext', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER articles_search_fts_insert AFTER INSERT ON articles_articlesearchtext
    BEGIN
        INSERT INTO articles_search_fts(rowid, title, lead, body)
        VALUES (new.id, new.title, new.lead, new.body);
    END""",
    """CREATE TRIGGER articles_search_fts_delete AFTER DELETE ON articles_articlesearchtext
    BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, title, lead, body)
        VALUES ('delete', old.id, old.title, old.lead, old.body);
    END""",
    """INSERT INTO articles_search_fts(articles_search_fts) VALUES ('rebuild')""",
    """CREATE TRIGGER articles_search_fts_update AFTER UPDATE ON articles_articlesearchtext
    BEGIN
        INSERT INTO articles_search_fts(articles_search_fts, rowid, title, lead, body)
        VALUES ('delete', old.id, old.title, old.lead, old.body);
        INSERT INTO articles_search_fts(rowid, title, lead, body)
        VALUES (new.id, new.title, new.lead, new.body);
    END""",
]
FTS5_DROP = [
    "DROP TRIGGER IF EXISTS articles_search_fts_update",
    "DROP TRIGGER IF EXISTS articles_search_fts_delete",
    "DROP TRIGGER IF EXISTS articles_search_fts_insert",
    "DROP TABLE IF EXISTS articles_search_fts",
]


def create_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in FTS5:
            schema_editor.execute(statement)


def drop_fts5(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in FTS5_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_search_forms"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlesearchtext",
            name="rules",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(create_fts5, drop_fts5),
    ]
