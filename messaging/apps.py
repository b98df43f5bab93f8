from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """The outbox: every email the practice sends on its own, queued and delivered by the worker."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "messaging"
