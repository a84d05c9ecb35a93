from django.urls import path

from . import views

app_name = "magazine"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:number>/download/", views.download, name="download"),
]
