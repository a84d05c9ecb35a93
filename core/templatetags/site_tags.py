"""Template helpers for the public site's frame: edition switcher and pagination links."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info

from core.cache import remember
from core.editions import current_language, edition_paths
from core.pagecache import next_change

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_links(context) -> list[dict]:
    """One link per edition: to this same page there when it exists, else to that edition's home.

    Pages that exist only in some editions (articles) put `available_languages` in the context.
    """
    request = context.get("request")
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    paths = edition_paths(request, context.get("available_languages")) if request else {}
    here = request.META.get("QUERY_STRING", "") if request else ""
    # Elsewhere, page N of a listing need not exist: the other editions get its first page.
    params = request.GET.copy() if request else QueryDict(mutable=True)
    params.pop("page", None)
    elsewhere = params.urlencode()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        path = paths.get(code)
        query = here if code == current else elsewhere
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                # Elsewhere, the same page; where it does not exist, that edition's home.
                "url": f"{path}?{query}" if path and query else path or f"/{code}/",
                "current": code == current,
                "exists": path is not None,
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag
def text_lang(code: str | None = None) -> str:
    """`lang` and `dir` attributes for text known to be in `code` (default: the edition's).

    Titles of the edition are in its language: their direction is stated, never guessed
    from the first strong letter (dir="auto" lays "COP22 في مراكش" out left to right).
    dir="auto" stays for text of unknown language only (a reader's query, a magazine title).
    """
    code = code or current_language()
    attributes = _TEXT_LANG.get(code)
    if attributes is None:  # once per language code (a handful), then a dict look-up
        attributes = _TEXT_LANG[code] = format_html(
            'lang="{}" dir="{}"', code, "rtl" if get_language_bidi(code) else "ltr"
        )
    return attributes


_TEXT_LANG: dict[str, str] = {}


def get_language_bidi(code: str) -> bool:
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


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


# --- fragments shared by every page of an edition ------------------------------------------

SHARED_FRAGMENT_SECONDS = 300


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" var … %}…{% endshared_fragment %}``: the block's HTML,
    rendered once and reused by every page until the public pages change.

    For parts of the page frame that are the same on every page for the given variables (the
    latest-news strip of an edition): keyed by the name, the variables' values and the
    generation (core.cache.remember: any write readers can see makes it stale), and never
    kept past the next moment pages change with no write (core.pagecache.next_change: a
    scheduled article going live). Nothing inside may depend on the request beyond the
    variables named. The staff's previews render it like readers' pages.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        parts = [str(self.name.resolve(context))]
        parts += [str(variable.resolve(context)) for variable in self.vary]

        def compute() -> tuple:
            now = timezone.now()
            return (next_change(now), self.nodelist.render(context))

        until, html = remember(
            "fragment:" + ":".join(parts),
            compute,
            SHARED_FRAGMENT_SECONDS,
            is_fresh=lambda value: timezone.now() < value[0],
        )
        return html
