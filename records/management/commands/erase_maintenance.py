"""Erasure's maintenance step: rewrite the tables an erasure touched, at a quiet hour."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from records.disk import reclaim_erased_space
from referrals.files import delete_orphaned_letter_files
from referrals.models import ReferralLetter

# A file written by a finalisation still running is not an orphan yet: leave the young ones.
ORPHAN_AFTER = datetime.timedelta(hours=1)


class Command(BaseCommand):
    help = (
        "Rewrite the tables that held erased clients, so no byte of a deleted row stays in "
        "the database's files: VACUUM FULL on PostgreSQL (locks each table while it is "
        "rewritten: run it at a quiet hour), VACUUM and a truncated write-ahead log on SQLite; "
        "and delete stored letter files that no letter names (left by a crash)."
    )

    def handle(self, *args, **options):
        done = reclaim_erased_space(full=True)
        named = set(ReferralLetter.objects.exclude(pdf="").values_list("pdf", flat=True))
        orphans = delete_orphaned_letter_files(named, older_than=timezone.now() - ORPHAN_AFTER)
        self.stdout.write(f"Erase maintenance: {done}; {orphans} orphaned letter files deleted.")
