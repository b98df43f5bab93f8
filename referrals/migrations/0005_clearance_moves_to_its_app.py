"""Clearance now lives in the clearance app (state only; the table is unchanged)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clearance", "0001_initial"),
        ("referrals", "0004_remove_clearance_letter"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="letterreply",
                    name="clearance",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="letter_reply", to="clearance.clearance"),
                ),
                migrations.DeleteModel(name="Clearance"),
            ],
            database_operations=[],
        ),
    ]
