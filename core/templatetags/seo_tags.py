"""`{% page_meta %}`: the <head> metadata of a public page (core/seo.py)."""

from django import template

from core.seo import page_meta as build_page_meta

register = template.Library()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context) -> dict:
    return {"meta": build_page_meta(context)}
