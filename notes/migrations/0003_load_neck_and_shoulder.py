"""Load the neck and shoulder entries of the complaint map (notes/complaint_map.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from notes.complaint_map import load_map

    load_map(
        apps.get_model("notes", "Complaint"),
        apps.get_model("notes", "Technique"),
        apps.get_model("notes", "SelfCareItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("notes", "0002_load_complaint_map")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
