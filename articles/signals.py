"""Signals of the editorial workflow (articles/workflow.py).

`article_published` is sent once per article going live, after the transaction that made
it live has committed: by "publish now", or by `publish_due` for a scheduled article.
Receivers get `sender=Article`, `article` (fresh from the database) and `by` (the user, or
None for the system). Feeds, sitemaps and pings hook in here.

`article_unpublished` is sent the same way when an article leaves the site (by an editor,
or by `publish_due` when it expires).
"""

from django.dispatch import Signal

article_published = Signal()
article_unpublished = Signal()
