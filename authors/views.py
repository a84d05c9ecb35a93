from django.shortcuts import get_object_or_404, render

from articles.listing import paginate
from articles.models import Article

from .models import Author


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.active(), slug=slug)
    page = paginate(request, Article.objects.public().by_author(author).for_listing().newest())
    return render(request, "authors/author_detail.html", {"author": author, "page": page})
