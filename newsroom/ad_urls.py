from django.urls import path

from . import ad_views

app_name = "ads"
urlpatterns = [
    path("fill/", ad_views.fill, name="fill"),
    path("<str:token>/click/", ad_views.click, name="click"),
]
