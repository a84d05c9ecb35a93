"""Signed, expiring, revocable preview links for unpublished articles.

A token signs the article's id together with its random `preview_nonce`
(TimestampSigner, salt "article-preview"). It cannot be guessed (it needs SECRET_KEY),
edited into another article's (the id is signed), outlives ARTICLE_PREVIEW_MAX_AGE
(default one hour) or survives "revoke" (which rotates the nonce).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from .models import Article, new_preview_nonce

SALT = "article-preview"


def max_age() -> int:
    return settings.ARTICLE_PREVIEW_MAX_AGE


def make_token(article: Article) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"a": article.pk, "n": article.preview_nonce}, compress=False)


def preview_url(article: Article, language: str | None = None) -> str:
    url = reverse("article_preview", kwargs={"token": make_token(article)})
    return f"{url}?lang={language}" if language else url


def article_for_token(token: str) -> Article | None:
    """The article a valid, unexpired, unrevoked token opens; None for anything else."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=max_age())
    except (signing.BadSignature, ValueError, TypeError):
        # BadSignature covers SignatureExpired; the others a malformed payload.
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
        return None
    article = Article.objects.select_related("section").filter(pk=payload["a"]).first()
    if article is None or not constant_time_compare(str(payload.get("n")), article.preview_nonce):
        return None
    return article


def revoke(article: Article) -> None:
    """Invalidate every preview link of the article issued so far."""
    article.preview_nonce = new_preview_nonce()
    Article.objects.filter(pk=article.pk).update(preview_nonce=article.preview_nonce)
