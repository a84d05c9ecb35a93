from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Article, Section, Tag


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    return HttpResponse(article.title)


def section_detail(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    return HttpResponse(section.name)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return HttpResponse(tag.name)
