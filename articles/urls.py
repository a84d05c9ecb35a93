from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("articles/<uslug:slug>/", views.article_detail, name="detail"),
    path("sections/<uslug:slug>/", views.section_detail, name="section"),
    path("tags/<uslug:slug>/", views.tag_detail, name="tag"),
]
