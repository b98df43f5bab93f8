"""Retention: forget what clients typed into intake links they never sent."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intake.models import Intake


class Command(BaseCommand):
    help = (
        "Delete the typed answers of unsubmitted intake links that expired more than N days "
        "ago (default 30). The link rows stay, empty, so the client page still lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        stale = Intake.objects.filter(submitted_at__isnull=True, expires_at__lt=cutoff).exclude(
            draft_answers={}, sections_done=[]
        )
        # update(), not save(): a save would copy the answers into the audit trail's diff.
        count = stale.update(draft_answers={}, sections_done=[], updated_at=timezone.now())
        self.stdout.write(f"Purged the typed answers of {count} expired intake draft(s).")
