"""A bounded memo of markup a template tag made, by what determines it.

Used by `{% picture %}` (core/templatetags/pictures.py) and `{% news_time %}`
(core/templatetags/news_dates.py): a page shows the same few hundred pictures and moments as
the pages before it, and building their markup costs as much as the rest of a card. Each
process keeps its own; when it is full the oldest entry goes (dicts keep insertion order),
so it never grows beyond `limit` entries. The key must hold everything the markup depends
on: a stale entry would show a reader another picture or another date.
"""

from __future__ import annotations

from collections.abc import Hashable


class Memo:
    __slots__ = ("_items", "limit")

    def __init__(self, limit: int):
        self.limit = limit
        self._items: dict = {}

    def get(self, key: Hashable):
        """What was made for `key`, or None."""
        return self._items.get(key)

    def put(self, key: Hashable, value) -> None:
        items = self._items
        while items and len(items) >= self.limit:
            del items[next(iter(items))]  # the oldest
        items[key] = value

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
