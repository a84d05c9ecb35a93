from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = _("Authors")

    def ready(self):
        # Its photo's renditions, rebuilt by the regenerate_renditions command (made and
        # deleted by authors/services.py, which every writer calls).
        from core.renditions import register

        from . import pictures
        from .models import Author

        register(
            Author,
            "photo",
            refresh=pictures.regenerate,
            is_done=pictures.is_done,
            only=pictures.COLUMNS,
            files=pictures.files,
        )
