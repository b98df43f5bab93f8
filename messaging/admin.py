from django.contrib import admin

from messaging.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is written by the changes that queue emails and by the worker.
    A failed message is for a person to check (it may have gone out), not to be edited."""

    list_display = ("kind", "topic", "recipient", "due_at", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("topic", "recipient")
    date_hierarchy = "due_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
