from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = _("Advertising")

    def ready(self):
        from core.cache import public_pages_changed
        from core.pagecache import register_next_change

        from . import banners
        from .models import Banner

        banners.register_counters()
        register_next_change(banners.next_change)
        # Pages and the per-language banner cache show banners: any change makes them stale
        # at once (core/cache.py).
        post_save.connect(public_pages_changed, sender=Banner, dispatch_uid="ads-banner-saved")
        post_delete.connect(public_pages_changed, sender=Banner, dispatch_uid="ads-banner-deleted")

        # Its images' renditions, rebuilt by the regenerate_renditions command (made and
        # deleted by ads/services.py, which every writer calls).
        from core.renditions import register

        from . import pictures
        from .models import Banner

        register(
            Banner,
            "image",
            refresh=pictures.regenerate,
            is_done=pictures.is_done,
            only=pictures.COLUMNS,
            files=pictures.files,
        )
