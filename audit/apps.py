from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from audit import sign_in, tracking

        tracking.connect()
        sign_in.connect()
