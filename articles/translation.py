from modeltranslation.translator import TranslationOptions, register

from .models import Article, Section, Tag


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    # Section names may fall back to another edition's; never article text.
    fallback_languages = {"default": ("ar", "fr")}
    required_languages = ("ar",)


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    fallback_languages = {"default": ("ar", "fr")}


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "cover_caption", "cover_alt")
    # An article exists in an edition only when written there: no fallback at all.
    fallback_languages = {"default": ()}
