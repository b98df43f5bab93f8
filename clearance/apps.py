from django.apps import AppConfig


class ClearanceConfig(AppConfig):
    name = "clearance"
    verbose_name = "Clearance and cautions"
