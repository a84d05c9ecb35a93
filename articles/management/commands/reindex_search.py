"""Rebuild the search documents of every article (after changing articles/normalize.py),
then PostgreSQL's statistics of them (which terms are common: the search reads them)."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import analyze_index, refresh_search_text


class Command(BaseCommand):
    help = "Rebuild the search terms (and PostgreSQL vectors) of every article."

    def handle(self, *args, **options):
        written = refresh_search_text(Article.objects.all())
        analyze_index()
        self.stdout.write(self.style.SUCCESS(f"Search index: {written} documents written."))
