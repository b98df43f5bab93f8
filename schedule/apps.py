from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    """Appointments, appointment types, working hours and the therapists' calendar feeds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "schedule"

    def ready(self):
        # The builders of the schedule's emails, registered with the outbox.
        from schedule import messages  # noqa: F401
