from django.urls import path

from . import magazine_views

app_name = "magazine"
urlpatterns = [
    path("", magazine_views.archive, name="archive"),
    path("<int:number>/download/", magazine_views.download, name="download"),
]
