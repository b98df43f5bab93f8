"""Erasure that reaches the disk: the bytes of deleted rows, not only the rows.

A deleted row stays in the database's files until its space is reused. SQLite connections
overwrite what they delete (`PRAGMA secure_delete`, set below for every connection), and
after an erasure the write-ahead log, which still holds the pages as they were, is copied
into the database and truncated. PostgreSQL's `VACUUM` frees the dead rows of the tables
an erasure touched, but a freed index entry's bytes stay in its page until reused
(measured: 6 of 61 hits, in a covering index of the client table); `VACUUM FULL`
(python manage.py erase_maintenance) rewrites the tables and leaves none. PostgreSQL's own
write-ahead log keeps the erased values until its segments are recycled and overwritten
(tests/benchmarks/bench_erasure_residue.py; README, "Backups").
"""

import logging

from django.apps import apps
from django.db import connection

logger = logging.getLogger(__name__)


def overwrite_what_is_deleted(sender, connection, **kwargs):
    """Every SQLite connection zeroes the bytes of the rows it deletes. Some builds (Debian's)
    have it on already, not all; set here rather than in the URL's init_command, which an
    operator may replace."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def _below(model, seen):
    """`model`, every model whose rows are deleted with it, and their many-to-many tables."""
    if model in seen:
        return
    seen.add(model)
    for field in model._meta.many_to_many:
        seen.add(field.remote_field.through)
    for relation in model._meta.related_objects:
        _below(relation.related_model, seen)


def erasure_tables():
    """The tables an erasure deletes from or rewrites: the client's, every table that points
    at it (and so on down), the audit trail (its diffs are redacted) and the admin's history."""
    seen = set()
    _below(apps.get_model("clients", "Client"), seen)
    seen.update({apps.get_model("audit", "Event"), apps.get_model("admin", "LogEntry")})
    return sorted({model._meta.db_table for model in seen})


def reclaim_erased_space(*, full=False):
    """Overwrite or free the space an erasure left; run outside any transaction.

    SQLite: copy the write-ahead log into the database and truncate it (with `full`, also
    rebuild the file with VACUUM, for rows deleted before secure_delete was on).
    PostgreSQL: VACUUM the erasure's tables (`full`: VACUUM FULL, which rewrites them and
    locks each one while it does). Returns what was done, for the command to print.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if full:
                cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = cursor.fetchone()
            if busy:
                # A reader kept an old snapshot; the next checkpoint copies the rest.
                logger.warning("The write-ahead log could not be truncated: a reader was busy.")
            return "checkpointed the write-ahead log" + (" after VACUUM" if full else "")
        if connection.vendor == "postgresql":
            tables = erasure_tables()
            verb = "VACUUM (FULL)" if full else "VACUUM"
            names = ", ".join(connection.ops.quote_name(table) for table in tables)
            cursor.execute(f"{verb} {names}")
            return f"{verb} of {len(tables)} tables"
    return "nothing to do on this database"


def reclaim_after_erasure():
    """After an erasure commits: free its space without failing the page if that cannot
    be done now (the erasure itself is committed; erase_maintenance does it later)."""
    if connection.in_atomic_block:
        # VACUUM cannot run inside a transaction (a test that runs the commit hooks early).
        return
    reclaim_erased_space()
