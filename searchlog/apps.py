from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchlogConfig(AppConfig):
    name = "searchlog"
    verbose_name = _("What readers search for")
