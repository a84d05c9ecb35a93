from django.urls import path

from articles import feeds

from . import views

app_name = "authors"
urlpatterns = [
    path("<uslug:slug>/", views.author_detail, name="detail"),
    path("<uslug:slug>/feed/rss/", feeds.AuthorFeed(), name="feed_rss"),
    path("<uslug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="feed_atom"),
]
