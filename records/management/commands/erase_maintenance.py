"""Erasure's maintenance step: rewrite the tables an erasure touched, at a quiet hour."""

from django.core.management.base import BaseCommand

from records.disk import reclaim_erased_space


class Command(BaseCommand):
    help = (
        "Rewrite the tables that held erased clients, so no byte of a deleted row stays in "
        "the database's files: VACUUM FULL on PostgreSQL (locks each table while it is "
        "rewritten: run it at a quiet hour), VACUUM and a truncated write-ahead log on SQLite."
    )

    def handle(self, *args, **options):
        done = reclaim_erased_space(full=True)
        self.stdout.write(f"Erase maintenance: {done}.")
