"""The back office's admin site: Django's, with the second factor of staff accounts.

Installed as the default site (newsroom.apps.NewsroomAdminConfig), so every app's
`admin.site.register` lands here. A staff member who owes a one-time code
(newsroom/two_factor.py) has no admin permission until they give it: every admin page sends
them to the login, and the login to /admin/two-factor/.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from . import two_factor
from .two_factor_views import two_factor_view


class NewsroomAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and not two_factor.owes_a_code(request)

    def login(self, request, extra_context=None):
        if request.method == "GET" and two_factor.owes_a_code(request):
            query = {}
            if target := request.GET.get(REDIRECT_FIELD_NAME):
                query[REDIRECT_FIELD_NAME] = target
            url = reverse("admin:two_factor", current_app=self.name)
            return HttpResponseRedirect(f"{url}?{urlencode(query)}" if query else url)
        return super().login(request, extra_context)

    def get_urls(self):
        return [
            path(
                "two-factor/",
                never_cache(csrf_protect(lambda request: two_factor_view(self, request))),
                name="two_factor",
            ),
            # Who owes a code has no admin permission, yet may log out.
            path("logout/", never_cache(csrf_protect(self.logout)), name="logout"),
            *super().get_urls(),
        ]
