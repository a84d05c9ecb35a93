from django.urls import path

from . import views

app_name = "searchlog"
urlpatterns = [
    path("seen/", views.search_seen, name="seen"),  # the search beacon (searchlog/beacon.py)
]
