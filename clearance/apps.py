from django.apps import AppConfig
from django.db.models.signals import post_delete


class ClearanceConfig(AppConfig):
    name = "clearance"
    verbose_name = "Clearance and cautions"

    def ready(self):
        from clearance.models import Clearance
        from intake.signals import screenings_changed

        screenings_changed.connect(_screenings_changed, dispatch_uid="care-hold")
        post_delete.connect(_clearance_deleted, sender=Clearance, dispatch_uid="care-hold")


def _screenings_changed(sender, client_id, **kwargs):
    """A client's screenings changed (intake.signals): their care hold is worked out again."""
    from clearance.services import client_care_hold_refresh

    client_care_hold_refresh(client=client_id)


def _clearance_deleted(sender, instance, **kwargs):
    """A deleted clearance (in the admin, say) may have been lifting a hold."""
    from clearance.services import client_care_hold_refresh

    client_care_hold_refresh(client=instance.client_id)
