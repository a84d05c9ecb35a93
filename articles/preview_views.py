from django.http import Http404
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from . import views
from .preview import article_for_token


@require_safe
@never_cache
@xframe_options_sameorigin  # the admin's preview page frames it; every other page is DENY
def article_preview(request, token: str):
    """The public article page for a signed preview link, in the edition `?lang=` asks for.

    Anything but a valid link is a 404, the same page readers get for a missing article.
    """
    article = article_for_token(token)
    if article is None:
        raise Http404("No such preview.")
    languages = article.available_languages()
    language = request.GET.get("lang")
    if language not in languages:
        if language:
            raise Http404("The article has no such edition.")
        language = languages[0] if languages else "ar"
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = views.render_article(request, article, preview=True)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to linked sites
    return response
