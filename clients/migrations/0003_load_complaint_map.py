"""Load the complaint map (complaints, techniques, self-care) from notes/complaint_map.py."""

from django.db import migrations


def load(apps, schema_editor):
    from notes.complaint_map import load_map

    load_map(
        apps.get_model("clients", "Complaint"),
        apps.get_model("clients", "Technique"),
        apps.get_model("clients", "SelfCareItem"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_session_notes"),
    ]

    operations = [
        # Reversing leaves the rows; the tables go with 0002.
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
