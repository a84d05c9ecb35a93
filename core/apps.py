from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide helpers (dates, sanitizer, images, storage, cache, counters, SEO…): no models.

    Nothing here imports an app of the site; the apps import core.
    """

    name = "core"
    verbose_name = "Core"
