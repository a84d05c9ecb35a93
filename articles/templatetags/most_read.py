"""`{% most_read_lists as lists %}`: the "most read" widget's data, cached (articles/popularity.py)."""

from django import template

from articles.popularity import most_read_lists as build_lists
from core.editions import current_language

register = template.Library()


@register.simple_tag
def most_read_lists() -> dict:
    return build_lists(current_language())
