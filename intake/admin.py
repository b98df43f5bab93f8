from django.contrib import admin

from intake.models import InPersonAnswer, Intake, Screening


class ScreeningInline(admin.TabularInline):
    model = Screening
    extra = 0
    can_delete = False
    fields = (
        "tier",
        "rules_version",
        "screened_on",
        "is_rescreen",
        "answered_in_person",
        "created_at",
        "created_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class InPersonAnswerInline(admin.TabularInline):
    model = InPersonAnswer
    extra = 0
    can_delete = False
    fields = ("question_id", "value", "asked_by", "asked_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    """Read-only: intakes are created by links and submissions, never typed in here."""

    list_display = ("client", "therapist", "created_at", "sent_at", "submitted_at", "reviewed_at")
    list_filter = ("submitted_at", "reviewed_at")
    search_fields = ("client__search_text",)
    # No token_hash, and no answers in the list: the admin is not a place to read health data.
    readonly_fields = (
        "client",
        "therapist",
        "expires_at",
        "sent_to_email",
        "sent_at",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    )
    fields = readonly_fields
    inlines = [ScreeningInline, InPersonAnswerInline]

    def has_add_permission(self, request):
        return False
