from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from .roles import sync_administrator_role

        # After every app's permissions exist (post_migrate of the last app included).
        post_migrate.connect(sync_administrator_role, dispatch_uid="articles-administrator-role")
