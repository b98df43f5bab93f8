"""Session notes and the complaint map now live in the notes app (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0003_load_complaint_map"),
        ("notes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="NoteAmendment"),
                migrations.DeleteModel(name="SessionNote"),
                migrations.DeleteModel(name="Complaint"),
                migrations.DeleteModel(name="SelfCareItem"),
                migrations.DeleteModel(name="Technique"),
            ],
            database_operations=[],
        ),
    ]
