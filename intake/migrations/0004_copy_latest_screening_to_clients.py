"""Copy each client's latest original screening onto their record (clients 0006)."""

from django.db import migrations


def copy_latest_screening(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    Screening = apps.get_model("intake", "Screening")
    latest = {}
    # intake.selectors.LATEST_FIRST, per client: the first row of each client wins.
    rows = (
        Screening.objects.filter(is_rescreen=False, intake__submitted_at__isnull=False)
        .order_by("intake__client_id", "-intake__submitted_at", "-created_at", "-pk")
        .values_list("intake__client_id", "tier", "created_at", "intake__submitted_at")
    )
    for client_id, tier, created_at, submitted_at in rows.iterator(chunk_size=2000):
        latest.setdefault(client_id, (tier, created_at, submitted_at))
    clients = []
    for client in Client.objects.filter(pk__in=latest).only("pk"):
        tier, created_at, submitted_at = latest[client.pk]
        client.screening_tier = tier
        client.screened_at = created_at
        client.screening_submitted_at = submitted_at
        clients.append(client)
    Client.objects.bulk_update(
        clients, ["screening_tier", "screened_at", "screening_submitted_at"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0007_client_latest_screening"),
        ("intake", "0003_screening_incomplete_unanswered"),
    ]

    operations = [migrations.RunPython(copy_latest_screening, migrations.RunPython.noop)]
