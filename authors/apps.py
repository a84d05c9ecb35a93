from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = _("Authors")

    def ready(self):
        # Its pictures' renditions: rebuilt by the regenerate_renditions command, deleted
        # with the row.
        from core.renditions import register

        from . import pictures
        from .models import Author

        register(
            Author,
            "photo",
            refresh=pictures.regenerate,
            is_done=pictures.is_done,
            only=pictures.COLUMNS,
            delete_with=(("photo_renditions", "photo_digest"),),
        )
