"""Staff preview of unpublished articles, outside the language prefixes.

Included once in newsroom/urls.py: path("preview/", include("articles.preview_urls")).
"""

from django.urls import path

from . import preview_views

urlpatterns = [
    path("<str:token>/", preview_views.article_preview, name="article_preview"),
]
