"""Once loaded the complaint map; the map now belongs to the notes app, whose migration 0002
loads it (again, harmlessly, on a database that ran this one before)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_session_notes"),
    ]

    operations = []
