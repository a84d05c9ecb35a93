"""`{% latest_magazine as issue %}`: the weekend magazine widget's issue (cached)."""

from django import template

from core.editions import current_language

from .. import issues

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_magazine(context):
    try:
        return issues.request_latest_issue(context.get("request"), current_language())
    except Exception:  # the widget must never break the page around it
        issues.logger.exception("magazine widget could not be rendered")
        return None
