"""Rebuild the search documents of every article (after changing articles/normalize.py)."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import refresh_search_text


class Command(BaseCommand):
    help = "Rebuild the normalized search text (and PostgreSQL vectors) of every article."

    def handle(self, *args, **options):
        written = refresh_search_text(Article.objects.all())
        self.stdout.write(self.style.SUCCESS(f"Search index: {written} documents written."))
