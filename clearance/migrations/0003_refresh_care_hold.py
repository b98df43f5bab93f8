"""Work out every client's care hold (Client.care_hold) from their whole history of
screenings and clearances, as clearance.services.client_care_hold_refresh does from now on."""

from django.db import migrations


def refresh_care_holds(apps, schema_editor):
    from clearance.status import care_holds

    Client = apps.get_model("clients", "Client")
    Screening = apps.get_model("intake", "Screening")
    Clearance = apps.get_model("clearance", "Clearance")
    counted = Screening.objects.filter(is_rescreen=False, intake__submitted_at__isnull=False)
    holds = care_holds(
        counted.select_related("intake").iterator(chunk_size=2000),
        Clearance.objects.iterator(chunk_size=2000),
    )
    changed = []
    for client in Client.objects.filter(pk__in=list(holds)).only("pk"):
        client.care_hold, client.care_hold_since = holds[client.pk]
        changed.append(client)
    Client.objects.bulk_update(changed, ["care_hold", "care_hold_since"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("clearance", "0002_clearance_flag_ids_neck_work"),
        ("clients", "0009_client_care_hold"),
        ("intake", "0007_in_person_answers"),
    ]

    operations = [migrations.RunPython(refresh_care_holds, migrations.RunPython.noop)]
