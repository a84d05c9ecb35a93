from django.db import models
from django.utils.text import slugify


def unique_slug(
    instance: models.Model, text: str, *, field: str = "slug", fallback: str = "item"
) -> str:
    """A Unicode slug of `text`, unique in the model's table; collisions get -2, -3, …

    Arabic slugs stay Arabic (`allow_unicode=True`): readers share these URLs.
    """
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = slugify(text, allow_unicode=True)[: max_length - 8].strip("-") or fallback
    others = (
        model._default_manager.exclude(pk=instance.pk)
        if instance.pk
        else model._default_manager.all()
    )
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
