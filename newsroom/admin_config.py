"""Django's admin with the newsroom's site (the second factor, newsroom/admin_site.py).

INSTALLED_APPS names this instead of django.contrib.admin; a module of its own, so that
newsroom/apps.py keeps a single app configuration.
"""

from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
