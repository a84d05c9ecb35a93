from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("sections/<uslug:slug>/", views.section_detail, name="section"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
    path("archive/<yyyy:year>/", views.archive_year, name="archive_year"),
    path("archive/<yyyy:year>/<mm:month>/", views.archive_month, name="archive_month"),
    path("archive/<yyyy:year>/<mm:month>/<mm:day>/", views.archive_day, name="archive_day"),
]
