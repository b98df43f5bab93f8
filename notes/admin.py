from django.contrib import admin

from notes.models import Complaint, NoteAmendment, SelfCareItem, SessionNote, Technique


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: the complaint map is owned by notes/complaint_map.py, and
    notes are written, signed and amended by their therapist in the app."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Technique)
class TechniqueAdmin(ReadOnlyAdmin):
    list_display = ["label", "id", "deep_pressure", "restricted_by", "position"]
    search_fields = ["id", "label", "source"]


@admin.register(SelfCareItem)
class SelfCareItemAdmin(ReadOnlyAdmin):
    list_display = ["label", "id", "restricted_by", "position"]
    search_fields = ["id", "label", "instructions", "source"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["label", "id", "feels", "position"]
    search_fields = ["id", "label", "feels", "source"]
    filter_horizontal = ["techniques", "self_care"]


class NoteAmendmentInline(admin.TabularInline):
    model = NoteAmendment
    extra = 0
    readonly_fields = ["text", "reason", "author", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SessionNote)
class SessionNoteAdmin(ReadOnlyAdmin):
    list_display = ["client", "session_date", "therapist", "pain_before", "pain_after", "signed_at"]
    list_filter = ["therapist", "session_date"]
    list_select_related = ["client", "therapist"]
    inlines = [NoteAmendmentInline]
