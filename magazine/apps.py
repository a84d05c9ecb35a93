from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MagazineConfig(AppConfig):
    name = "magazine"
    verbose_name = _("Weekend magazine")

    def ready(self):
        from core.cache import public_pages_changed

        from . import issues
        from .models import MagazineIssue

        issues.register_counters()
        # Every page shows the latest issue (cached): any change makes pages stale at once
        # (core/cache.py).
        post_save.connect(
            public_pages_changed, sender=MagazineIssue, dispatch_uid="magazine-issue-saved"
        )
        post_delete.connect(
            public_pages_changed, sender=MagazineIssue, dispatch_uid="magazine-issue-deleted"
        )

        # Its cover's renditions, rebuilt by the regenerate_renditions command (made and
        # deleted by magazine/services.py, which every writer calls).
        from core.renditions import register

        from . import pictures
        from .models import MagazineIssue

        register(
            MagazineIssue,
            "cover",
            refresh=pictures.regenerate,
            is_done=pictures.is_done,
            only=pictures.COLUMNS,
            files=pictures.files,
        )
