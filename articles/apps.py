from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion
        from django.db.models.signals import post_delete, post_save

        from authors.models import Author
        from core.cache import public_pages_changed
        from core.pagecache import register_next_change

        from .models import Article, ArticleAuthor, Section, Tag
        from .roles import sync_administrator_role
        from .services import next_scheduled_change

        # Every save of an article keeps a revision with its bylines (articles/history.py).
        # Registered here, after modeltranslation (first in INSTALLED_APPS) has added the
        # per-language fields, so that title_ar, body_fr… are part of every revision.
        reversion.register(ArticleAuthor)
        reversion.register(Article, follow=["bylines"])

        # Page views reach ArticleViewHourly through the counters' flushes (articles/popularity.py).
        from .popularity import register_counters

        register_counters()

        # Every public page shows sections (menu), and lists tags and authors: a change to one
        # makes the cached pages stale at once (core/cache.py; articles go through services).
        for model in (Section, Tag, Author):
            name = model._meta.label_lower
            post_save.connect(public_pages_changed, sender=model, dispatch_uid=f"{name}-saved")
            post_delete.connect(public_pages_changed, sender=model, dispatch_uid=f"{name}-deleted")
        # Scheduled publications and expiries change pages with no write (core/pagecache.py).
        register_next_change(next_scheduled_change)

        # The covers' renditions, rebuilt by the regenerate_renditions command.
        from core.renditions import manifest_names, register

        from .services import COVER_COLUMNS, cover_renditions_done, refresh_cover_renditions

        register(
            Article,
            "cover",
            refresh=refresh_cover_renditions,
            is_done=cover_renditions_done,
            only=COVER_COLUMNS,
            files=lambda article: manifest_names(article.cover_renditions),
        )
        # The pictures in the bodies (articles/body_images.py), the same way.
        from django.core.files.storage import default_storage

        from .body_images import body_images_done, refresh_body_images, rendition_files
        from .services import BODY_COLUMNS

        register(
            Article,
            "body",
            refresh=refresh_body_images,
            is_done=body_images_done,
            only=BODY_COLUMNS,
            files=rendition_files,
            storage=default_storage,
        )

        # After every app's permissions exist (post_migrate of the last app included).
        post_migrate.connect(sync_administrator_role, dispatch_uid="articles-administrator-role")
        # Search documents made with older language rules are rewritten once the schema is
        # current (a deploy's `migrate`; nothing to do on later runs).
        post_migrate.connect(
            reindex_stale_documents, sender=self, dispatch_uid="articles-search-rules"
        )


def reindex_stale_documents(sender, using="default", verbosity=1, **kwargs) -> None:
    from .search import reindex_stale

    written = reindex_stale(using)
    if written and verbosity:
        print(f"Search index: {written} documents rewritten with the current language rules.")
