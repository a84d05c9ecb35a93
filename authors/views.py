from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Author


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.active(), slug=slug)
    return HttpResponse(author.name)
