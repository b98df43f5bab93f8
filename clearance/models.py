"""A physician's answer about massage for a client."""

from django.conf import settings
from django.db import models

from clients.models import Client


class Clearance(models.Model):
    """A physician's answer about massage for a client, recorded by the therapist.

    A granted clearance (with or without restrictions) lifts the block that an emergency
    or refer screening puts on new session notes; a declined one keeps it. The table keeps
    its name from when clearances lived in the referrals app (moved without touching data).
    """

    class Outcome(models.TextChoices):
        GRANTED = "granted", "Cleared for massage"
        RESTRICTED = "restricted", "Cleared with restrictions"
        DECLINED = "declined", "Not cleared"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="clearances")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    restrictions = models.TextField(
        blank=True, help_text="What the physician asks the therapist to avoid or modify."
    )
    physician_name = models.CharField(max_length=200, blank=True)
    received_on = models.DateField(help_text="The date of the physician's reply.")
    notes = models.TextField(blank=True)
    # The screening flag ids this answer was given for: the flags still held when it was
    # recorded (what the letter asked about). Empty on clearances recorded before flags were
    # named: those cover every flag raised before them.
    flag_ids = models.JSONField(default=list, blank=True, editable=False)
    allows_neck_work = models.BooleanField(
        default=False,
        verbose_name="The physician allows neck work",
        help_text="Only after a neck or head emergency flag: without it, the neck is not worked "
        "even once massage is cleared.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "referrals_clearance"
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="restricted") | ~models.Q(restrictions=""),
                name="restricted_clearance_names_its_restrictions",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="declined", allows_neck_work=True),
                name="declined_clearance_allows_no_neck_work",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} for {self.client} ({self.received_on})"

    @property
    def lifts_block(self):
        return self.outcome in (self.Outcome.GRANTED, self.Outcome.RESTRICTED)
