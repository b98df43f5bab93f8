from django.apps import AppConfig
from django.db.backends.signals import connection_created


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "The client's rights and the audit log"

    def ready(self):
        from records.disk import overwrite_what_is_deleted

        connection_created.connect(overwrite_what_is_deleted)
