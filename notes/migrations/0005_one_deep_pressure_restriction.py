"""The four technique ids behind "no deep pressure" become one restriction, deep_pressure
(screening/restrictions.py): every technique row, admin-added ones too, is rewritten."""

from django.db import migrations, models

LEGACY = {
    "deep_tissue": "deep_pressure",
    "ischemic_compression": "deep_pressure",
    "trigger_point_full_pressure": "deep_pressure",
    "forceful_stretching": "deep_pressure",
}


def one_restriction(apps, schema_editor):
    Technique = apps.get_model("notes", "Technique")
    for technique in Technique.objects.all():
        ids = list(dict.fromkeys(LEGACY.get(id, id) for id in technique.restricted_by or []))
        if ids != technique.restricted_by:
            technique.restricted_by = ids
            technique.save(update_fields=["restricted_by"])


class Migration(migrations.Migration):
    dependencies = [("notes", "0004_submission_keys")]

    operations = [
        migrations.AlterField(
            model_name="technique",
            name="restricted_by",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Restriction ids that exclude this technique, e.g. ["deep_pressure"].',
            ),
        ),
        migrations.RunPython(one_restriction, migrations.RunPython.noop),
    ]
