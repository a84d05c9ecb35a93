"""What readers search for, one row per (week, edition, query): counts, never readers.

No IP address, session, user or time of a single search is kept: only how many searches of
a query a week saw, how many of them found nothing, the latest spelling typed and when the
query was last searched (docs/searchlog.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class WeeklySearch(models.Model):
    week = models.DateField(_("week"), help_text=_("Its Monday, in the site's time zone."))
    language = models.CharField(_("edition"), max_length=8)
    normalized = models.CharField(_("normalized query"), max_length=MAX_QUERY_LENGTH)
    text = models.CharField(_("query"), max_length=MAX_QUERY_LENGTH)
    searches = models.PositiveIntegerField(_("searches"), default=0, db_default=0)
    zero_results = models.PositiveIntegerField(
        _("searches with no result"), default=0, db_default=0
    )
    last_seen = models.DateTimeField(_("last searched"))

    class Meta:
        verbose_name = _("reader search")
        verbose_name_plural = _("reader searches")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "language", "normalized"], name="searchlog_one_row_per_query"
            )
        ]

    def __str__(self) -> str:
        return self.text
