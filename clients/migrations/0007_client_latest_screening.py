from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0006_therapist_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="screened_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="client",
            name="screening_submitted_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="client",
            name="screening_tier",
            field=models.CharField(blank=True, default="", editable=False, max_length=10),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                condition=models.Q(
                    ("archived_at__isnull", True),
                    ("screening_tier__in", ["emergency", "refer"]),
                ),
                fields=["therapist", "screening_submitted_at"],
                name="client_screened_for_physician",
            ),
        ),
    ]
