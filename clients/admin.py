from django.contrib import admin

from clients.models import (
    Client,
    Complaint,
    NoteAmendment,
    Practice,
    SelfCareItem,
    SessionNote,
    Technique,
    Therapist,
)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email", "letter_page_size"]


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = ["display_name", "designation", "licence_number", "practice"]
    list_select_related = ["user", "practice"]


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["full_name", "therapist", "email", "phone", "archived_at"]
    list_filter = ["therapist", "archived_at"]
    search_fields = ["search_text", "phone_digits"]
    list_select_related = ["therapist"]


# The complaint map: readable and extendable by a clinician, each entry with its source.


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = ["label", "id", "deep_pressure", "restricted_by", "position"]
    list_editable = ["position"]
    search_fields = ["id", "label", "source"]


@admin.register(SelfCareItem)
class SelfCareItemAdmin(admin.ModelAdmin):
    list_display = ["label", "id", "position"]
    list_editable = ["position"]
    search_fields = ["id", "label", "instructions", "source"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["label", "id", "feels", "position"]
    list_editable = ["position"]
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
class SessionNoteAdmin(admin.ModelAdmin):
    """Read-only: notes are written, signed and amended by their therapist in the app."""

    list_display = ["client", "session_date", "therapist", "pain_before", "pain_after", "signed_at"]
    list_filter = ["therapist", "session_date"]
    list_select_related = ["client", "therapist"]
    inlines = [NoteAmendmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
