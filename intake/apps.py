from django.apps import AppConfig
from django.db.models.signals import post_delete


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Intake and screening"

    def ready(self):
        from intake import messages  # noqa: F401 - registers the outbox's intake kinds
        from intake.models import Screening

        post_delete.connect(_screening_deleted, sender=Screening, dispatch_uid="latest-screening")


def _screening_deleted(sender, instance, **kwargs):
    """A deleted original screening (its intake deleted in the admin, say) may have been the
    client's latest: the copy on the client's record is made again from what is left."""
    if instance.is_rescreen:
        return
    from intake.models import Intake
    from intake.services import client_latest_screening_refresh

    client_id = Intake.objects.filter(pk=instance.intake_id).values_list("client_id", flat=True)
    for pk in client_id:
        client_latest_screening_refresh(pk)
