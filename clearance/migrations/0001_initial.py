"""Clearance moves here from the referrals app: state only, the table and its rows stay."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Keeps permissions granted on the model; on a new database there is nothing to move yet.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="referrals", model="clearance").update(
        app_label="clearance"
    )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="clearance", model="clearance").update(
        app_label="referrals"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clients", "0003_load_complaint_map"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("referrals", "0004_remove_clearance_letter"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Clearance",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("outcome", models.CharField(choices=[("granted", "Cleared for massage"), ("restricted", "Cleared with restrictions"), ("declined", "Not cleared")], max_length=12)),
                        ("restrictions", models.TextField(blank=True, help_text="What the physician asks the therapist to avoid or modify.")),
                        ("physician_name", models.CharField(blank=True, max_length=200)),
                        ("received_on", models.DateField(help_text="The date of the physician's reply.")),
                        ("notes", models.TextField(blank=True)),
                        ("recorded_at", models.DateTimeField(auto_now_add=True)),
                        ("client", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="clearances", to="clients.client")),
                        ("recorded_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "referrals_clearance",
                        "ordering": ["-recorded_at"],
                        "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("outcome", "restricted"), _negated=True), models.Q(("restrictions", ""), _negated=True), _connector="OR"), name="restricted_clearance_names_its_restrictions")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
