"""Load the complaint map (complaints, techniques, self-care) from notes/complaint_map.py.

A change to the map is a new migration like this one: the module owns the map.
"""

from django.db import migrations


def load(apps, schema_editor):
    from notes.complaint_map import load_map

    load_map(
        apps.get_model("notes", "Complaint"),
        apps.get_model("notes", "Technique"),
        apps.get_model("notes", "SelfCareItem"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notes", "0001_initial"),
        ("clients", "0004_session_notes_move_to_notes"),
    ]

    operations = [
        # Reversing leaves the rows; the tables go with clients 0002.
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
