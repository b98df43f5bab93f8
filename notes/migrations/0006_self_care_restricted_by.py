"""Self-care follows the same cautions as techniques: self-care items get `restricted_by`,
and the map is loaded again so the ball release is restricted by deep_pressure
(notes/complaint_map.py)."""

from django.db import migrations, models

from notes.complaint_map import load_map_migration

HELP_TEXT = 'Restriction ids that exclude it, e.g. ["deep_pressure"].'


class Migration(migrations.Migration):
    dependencies = [("notes", "0005_one_deep_pressure_restriction")]

    operations = [
        migrations.AddField(
            model_name="selfcareitem",
            name="restricted_by",
            field=models.JSONField(blank=True, default=list, help_text=HELP_TEXT),
        ),
        migrations.AlterField(
            model_name="technique",
            name="restricted_by",
            field=models.JSONField(blank=True, default=list, help_text=HELP_TEXT),
        ),
        # Reversing leaves the rows; the field goes with the AddField.
        migrations.RunPython(load_map_migration, migrations.RunPython.noop),
    ]
