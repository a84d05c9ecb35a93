"""The admin's saves and deletes followed by an app's services, by name.

Side effects of a change (renditions, cached pages) live in each app's services module
(articles/services.py, authors/services.py…), called by every writer. In the admin they
follow every save and delete, the changelist's bulk delete action included (it goes
through `delete_queryset`); this mixin says so once.
"""


class FollowedByServices:
    """ModelAdmin mixin. `saved(obj)` runs after the admin saves an object, `deleted(objs)`
    after it deletes some; either may be None (the admin calls that service itself)."""

    saved = None
    deleted = None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if self.saved is not None:
            self.saved(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        if self.deleted is not None:
            self.deleted([obj])

    def delete_queryset(self, request, queryset):
        objects = list(queryset)
        super().delete_queryset(request, queryset)
        if self.deleted is not None:
            self.deleted(objects)
