from django.contrib import admin

from clients.models import Client, Practice, Therapist


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
