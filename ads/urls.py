from django.urls import path

from . import views

app_name = "ads"
urlpatterns = [
    path("fill/", views.fill, name="fill"),
    path("<str:token>/click/", views.click, name="click"),
]
