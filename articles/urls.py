from django.urls import path

from . import feeds, reading, search_views, suggest_views, views

app_name = "articles"
urlpatterns = [
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("articles/<int:pk>/read/", reading.article_read, name="read"),  # most-read beacon
    path("sections/<uslug:slug>/", views.section_detail, name="section"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
    path("archive/<yyyy:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("archive/<yyyy:year>/<mm:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path(
        "archive/<yyyy:year>/<mm:month>/<mm:day>/",
        views.DayArchive.as_view(),
        name="archive_day",
    ),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", suggest_views.suggest, name="suggest"),  # the header box's JSON
    # Feeds: RSS 2.0 and Atom for the edition, a section and a tag (authors: author_urls.py).
    path("feeds/rss/", feeds.EditionFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.EditionAtomFeed(), name="feed_atom"),
    path("sections/<uslug:slug>/feed/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("sections/<uslug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("tags/<uslug:slug>/feed/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tags/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
]
