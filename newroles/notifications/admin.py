from django.contrib import admin

from .models import NotificationPreference, SentNotification


class ReadOnlyAdmin(admin.ModelAdmin):
    """To read: preferences are changed by their person (or an unsubscribe link), and what was
    sent is a record of what happened."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "enabled", "updated_at"]
    list_filter = ["kind", "enabled"]
    search_fields = ["user__email"]
    list_select_related = ["user"]


@admin.register(SentNotification)
class SentNotificationAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "user", "kind", "key", "day"]
    list_filter = ["kind", "day"]
    search_fields = ["user__email", "key"]
    list_select_related = ["user"]
    date_hierarchy = "day"
