from modeltranslation.translator import TranslationOptions, register

from .models import Author


@register(Author)
class AuthorTranslationOptions(TranslationOptions):
    fields = ("name", "role", "bio")
    # A name is a name in every edition: show the Arabic one rather than nothing.
    fallback_languages = {"default": ("ar", "fr")}
    required_languages = ("ar",)
