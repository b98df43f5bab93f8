"""The database itself refuses to change or delete an audit event.

Event.save()/delete() and the queryset already refuse in Python; these triggers also refuse
raw SQL and anything else that bypasses the model: on PostgreSQL a PL/pgSQL function raising
an exception, on SQLite BEFORE UPDATE/DELETE triggers with RAISE(ABORT). Both raise SQLSTATE
class 23 (an IntegrityError in Django).

The one UPDATE let through is erasure's redaction (records.services.client_erase): the
values in an erased client's diffs become "[erased]", nothing else changes, and only for a
client whose erasure the trail already records (on PostgreSQL also: whose row is gone).
It can blank values, never write new ones.

TRUNCATE is not a row operation: the app's least-privilege role (README, "Audit trail") is
not granted it. On SQLite a remade audit_event table (an AlterField) loses its triggers:
tests/audit/test_database_refuses.py fails then; add a migration that creates them again.
A column added to audit_event must be added to the SQLite UPDATE trigger's comparison.
"""

from django.db import migrations

POSTGRES_CREATE = r"""
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.client_pk IS NOT NULL
        AND to_jsonb(NEW) - 'changes' = to_jsonb(OLD) - 'changes'
        AND NEW.changes = (
            SELECT coalesce(jsonb_object_agg(key, '["[erased]", "[erased]"]'::jsonb), '{}')
            FROM jsonb_each(OLD.changes)
        )
        AND EXISTS (
            SELECT 1 FROM audit_event WHERE client_pk = OLD.client_pk AND action = 'erase'
        )
        AND NOT EXISTS (SELECT 1 FROM clients_client WHERE id = OLD.client_pk)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % of audit_event % refused', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""

# SQLite triggers may name only tables of their own schema, and a trigger naming another
# table breaks Django's remaking of that table, so the erasure check reads audit_event only.
SQLITE_CREATE = [
    """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: DELETE of audit_event refused');
    END
    """,
    """
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    WHEN NOT (
        OLD.client_pk IS NOT NULL
        AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user_pk IS OLD.user_pk
        AND NEW.username IS OLD.username AND NEW.ip_address IS OLD.ip_address
        AND NEW.action IS OLD.action AND NEW.object_type IS OLD.object_type
        AND NEW.object_pk IS OLD.object_pk AND NEW.object_repr IS OLD.object_repr
        AND NEW.client_pk IS OLD.client_pk AND NEW.via_admin IS OLD.via_admin
        AND json(NEW.changes) IS (
            SELECT json_group_object(key, json_array('[erased]', '[erased]'))
            FROM json_each(OLD.changes)
        )
        AND EXISTS (
            SELECT 1 FROM audit_event WHERE client_pk = OLD.client_pk AND action = 'erase'
        )
    )
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: UPDATE of audit_event refused');
    END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    # params=None: the SQL is sent as written (its % signs are PL/pgSQL's, not placeholders).
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"No append-only triggers for {vendor}: add them here.")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_event_actions_sign_in_refused_two_factor"),
        # The PostgreSQL function names clients_client (read when it runs, not now).
        ("clients", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
