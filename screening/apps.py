from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """The red-flag screening engine: a library with no models or views, below every app.
    An app only so that `manage.py screen` and `manage.py extract_drug_brands` are found."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "screening"
