from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Site")

    def ready(self):
        from . import banners, magazine
        from .models import Banner, MagazineIssue

        banners.register_counters()
        magazine.register_counters()
        # Pages and the per-language caches show banners and the latest issue: any change
        # makes them stale at once (core/cache.py).
        for model in (Banner, MagazineIssue):
            post_save.connect(
                _invalidate, sender=model, dispatch_uid=f"invalidate-{model.__name__}"
            )
            post_delete.connect(
                _invalidate, sender=model, dispatch_uid=f"invalidate-del-{model.__name__}"
            )


def _invalidate(sender, **kwargs):
    from django.db import transaction

    from core.cache import invalidate_public_pages

    # Now for this process, and again after commit so no other process caches the old rows.
    invalidate_public_pages()
    transaction.on_commit(invalidate_public_pages)
