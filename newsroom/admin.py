"""The project's own back office: users and groups (newsroom/accounts_admin.py).

Banners (ads/admin.py), the weekend magazine (magazine/admin.py), articles and authors
register their admins in their own apps.
"""

from .accounts_admin import NewsroomGroupAdmin, NewsroomUserAdmin  # noqa: F401  (no way up)
