"""Template helpers for the public site's frame: edition switcher and pagination links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_links(context) -> list[dict]:
    """One link per edition: to this same page there when it exists, else to that edition's home.

    Pages that exist only in some editions (articles) put `available_languages` in the context.
    """
    request = context.get("request")
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    available = context.get("available_languages")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        exists = available is None or code in available
        url = f"/{code}/"
        if exists and request is not None and code != current:
            translated = translate_url(request.get_full_path(), code)
            # translate_url hands back its input when the path does not resolve (404 pages).
            if translated != request.get_full_path():
                url = translated
        elif code == current and request is not None:
            url = request.get_full_path()
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "exists": exists,
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL with ?page=number, keeping other query parameters."""
    params = context["request"].GET.copy()
    if number == 1:
        params.pop("page", None)
    else:
        params["page"] = number
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.simple_tag
def local_now():
    return timezone.localtime()
