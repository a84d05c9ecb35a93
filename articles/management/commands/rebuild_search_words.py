"""Recount the vocabulary of spelling corrections (articles/spelling.py) from the search index."""

from django.core.management.base import BaseCommand

from articles.spelling import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the words that search offers as spelling corrections, from the stored search "
        "documents (after reindex_search, or to correct the approximate document counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", help="one edition (ar, fr); every edition by default")

    def handle(self, *args, language=None, **options):
        def progress(read: int) -> None:
            self.stdout.write(f"{read} documents read")

        counted = rebuild(language, progress=progress)
        for code, terms in counted.items():
            self.stdout.write(self.style.SUCCESS(f"{code}: {terms} words"))
