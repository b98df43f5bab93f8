"""On PostgreSQL the database itself refuses two appointments of one therapist whose held
time [start, blocked_until) overlaps, unless one of them is cancelled or a no-show: an
exclusion constraint over a range, with btree_gist for the equality on the therapist.

SQLite has no such constraint; there the booking service's check under the therapist's lock
(schedule.services.check_slot, with SQLite's IMMEDIATE transactions) is the rule. The
operation is a no-op on other databases, so the same migrations run everywhere.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
ALTER TABLE schedule_appointment ADD CONSTRAINT appointment_no_overlap
    EXCLUDE USING gist (
        therapist_id WITH =,
        tstzrange(start, blocked_until, '[)') WITH &&
    ) WHERE (status NOT IN ('cancelled', 'no_show'))
""",
]
DROP = ["ALTER TABLE schedule_appointment DROP CONSTRAINT IF EXISTS appointment_no_overlap"]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("schedule", "0001_appointments_hours_feeds")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
