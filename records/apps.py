from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "The client's rights and the audit log"
