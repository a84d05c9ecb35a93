from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion

        from .models import Article, ArticleAuthor
        from .roles import sync_administrator_role

        # Every save of an article keeps a revision with its bylines (articles/history.py).
        # Registered here, after modeltranslation (first in INSTALLED_APPS) has added the
        # per-language fields, so that title_ar, body_fr… are part of every revision.
        reversion.register(ArticleAuthor)
        reversion.register(Article, follow=["bylines"])

        # Page views reach ArticleViewHourly through the counters' flushes (articles/popularity.py).
        from .popularity import register_counters

        register_counters()

        # After every app's permissions exist (post_migrate of the last app included).
        post_migrate.connect(sync_administrator_role, dispatch_uid="articles-administrator-role")
