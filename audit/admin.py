from django.contrib import admin

from audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, in the admin too."""

    list_display = ["at", "username", "action", "object_repr", "client_pk", "ip_address"]
    list_filter = ["action", "via_admin"]
    search_fields = ["username", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
