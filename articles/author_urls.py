"""Author pages and feeds under /<lang>/authors/ (URL names `authors:…`).

They live in articles, which lists the articles: the authors app holds the people only and
imports no other app of ours, so the dependency between the two points one way.
"""

from django.urls import path

from . import feeds, views

app_name = "authors"
urlpatterns = [
    path("<uslug:slug>/", views.author_detail, name="detail"),
    path("<uslug:slug>/feed/rss/", feeds.AuthorFeed(), name="feed_rss"),
    path("<uslug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="feed_atom"),
]
