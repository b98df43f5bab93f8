import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from clients.links import record_url
from clients.models import Client, TimeStampedModel
from clients.submission import key_model_field
from intake.flags import asks_of, flags_of
from screening import tiers
from screening.questions import SCREENING_SECTION_IDS, SECTIONS

DEFAULT_LINK_LIFETIME = timedelta(days=14)
TOKEN_BYTES = 32  # 256 bits of randomness; only the SHA-256 of it is stored


# The pages of each kind of questionnaire, in order (intake/public_views.py walks them).
FULL_SECTION_IDS = tuple(section.id for section in SECTIONS)
# The health update: what is on file, checked in one page ("changes"); every screening page
# asked afresh (a red flag is about now: docs/clinical/health-update.md); consent.
UPDATE_SECTION_IDS = ("changes", *SCREENING_SECTION_IDS, "consent")


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class Tier(models.TextChoices):
    EMERGENCY = tiers.EMERGENCY, tiers.TIER_LABELS[tiers.EMERGENCY]
    REFER = tiers.REFER, tiers.TIER_LABELS[tiers.REFER]
    INCOMPLETE = tiers.INCOMPLETE, tiers.TIER_LABELS[tiers.INCOMPLETE]
    CAUTION = tiers.CAUTION, tiers.TIER_LABELS[tiers.CAUTION]
    CLEAR = tiers.CLEAR, tiers.TIER_LABELS[tiers.CLEAR]


class IntakeQuerySet(models.QuerySet):
    def for_therapist(self, user):
        return self.filter(therapist=user)

    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def awaiting_review(self):
        return self.submitted().filter(reviewed_at__isnull=True)


class IntakeKind(models.TextChoices):
    FULL = "full", "Intake form"
    # A returning client's short update: last answers shown to confirm, screening afresh.
    UPDATE = "update", "Health update"


class Intake(TimeStampedModel):
    """One questionnaire sent to one client through a private link.

    Its `kind` is the full intake form or a returning client's health update; both are
    submitted, screened, reviewed and counted the same way (intake.services.intake_submit).

    The link's token is never stored, only its hash: a leaked database does not open
    anyone's form. Answers in progress are kept in `draft_answers` (JSON, as typed, per
    section) until the single submission moves the cleaned answers to `answers`.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="intakes")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes"
    )
    kind = models.CharField(max_length=10, choices=IntakeKind.choices, default=IntakeKind.FULL)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    sent_to_email = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Written by the questionnaire's pages in the UPDATE they already make (status only).
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_active_at = models.DateTimeField(null=True, blank=True)
    draft_answers = models.JSONField(default=dict, blank=True)
    sections_done = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Set when the link is cancelled or replaced by a newer one. Expiry alone is a matter of
    # time and cannot be in a constraint; this flag can: a client has at most one link that
    # is neither submitted nor cancelled.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["therapist", "submitted_at", "reviewed_at"]),
            # A client's intakes, latest first (the client page, the latest screening).
            models.Index(fields=["client", "-submitted_at"], name="intake_client_submitted"),
            # The dashboard's intakes to review: only those rows, with their client.
            models.Index(
                fields=["client"],
                include=["submitted_at"],
                condition=models.Q(submitted_at__isnull=False, reviewed_at__isnull=True),
                name="intake_awaiting_review",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reviewed_at__isnull=True) | models.Q(submitted_at__isnull=False),
                name="intake_reviewed_only_after_submission",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(submitted_at__isnull=True, cancelled_at__isnull=True),
                name="one_open_intake_link_per_client",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=IntakeKind.values), name="intake_kind_known"
            ),
        ]

    def __str__(self):
        return f"Intake for {self.client} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def new_token(cls):
        return secrets.token_urlsafe(TOKEN_BYTES)

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_open(self):
        """The client may still fill the form."""
        return not self.is_submitted and not self.is_cancelled and not self.is_expired

    @property
    def section_ids(self):
        return UPDATE_SECTION_IDS if self.kind == IntakeKind.UPDATE else FULL_SECTION_IDS

    @property
    def step_reached(self):
        """(step, of how many): the page the client would resume on, counted from 1."""
        ids = self.section_ids
        done = set(self.sections_done or ())
        step = next((i for i, s in enumerate(ids, start=1) if s not in done), len(ids))
        return step, len(ids)

    @property
    def status(self):
        """Where the link stands: cancelled, submitted, expired, in_progress, opened or sent.

        A cancelled link is also past its expiry (cancelling ends it now), so it is named
        for the cancel; "in progress" needs a finished step, "opened" only the link opened."""
        if self.is_submitted:
            return "submitted"
        if self.is_cancelled:
            return "cancelled"
        if self.is_expired:
            return "expired"
        if self.sections_done:
            return "in_progress"
        if self.first_opened_at:
            return "opened"
        return "sent"

    @property
    def status_label(self):
        status = self.status
        if status == "in_progress":
            step, count = self.step_reached
            return f"In progress (step {step} of {count})"
        return STATUS_LABELS[status]

    @property
    def screening(self):
        """The screening made at submission (rescreens and the screenings made after answers
        given in person are kept separately)."""
        return self.screenings.filter(is_rescreen=False, answered_in_person=False).first()

    @property
    def effective_screening(self):
        """The screening that counts for this intake: the latest of the one made at submission
        and those made after answers given in person (rescreens never count)."""
        return self.screenings.counted().order_by("-created_at", "-pk").first()

    # The outbox topic of this intake's messages (messaging): the prefix and the key.
    TOPIC_PREFIX = "intake:"

    @property
    def topic(self):
        return f"{self.TOPIC_PREFIX}{self.pk}"

    def get_absolute_url(self):
        return record_url("intake:intake-review", self.pk)

    # The link's Resend and Cancel forms, shown on every row of the lists of waiting links.
    @property
    def resend_url(self):
        return record_url("intake:link-resend", self.pk)

    @property
    def cancel_url(self):
        return record_url("intake:link-cancel", self.pk)


STATUS_LABELS = {
    "sent": "Sent",
    "opened": "Opened",
    "in_progress": "In progress",
    "submitted": "Submitted",
    "expired": "Expired",
    "cancelled": "Cancelled",
}


class ScreeningQuerySet(models.QuerySet):
    def counted(self):
        """The screenings that count for their intake: the original and those made after
        answers given in person; a rescreen with newer rules is for information only."""
        return self.filter(is_rescreen=False)


class Screening(models.Model):
    """The result of the rules of one version over one intake's answers.

    The screening made at submission is kept as it was; running newer rules over the
    same answers adds a rescreen instead of changing history.
    """

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="screenings")
    rules_version = models.CharField(max_length=20)
    screened_on = models.DateField(help_text="The date whose age and rules were applied.")
    tier = models.CharField(max_length=10, choices=Tier.choices)
    # [{"id", "tier", "reason", "physician_sentence", "source", "restriction",
    #   "restricts_techniques"}, ...] most urgent first
    flags = models.JSONField(default=list)
    # Required screening question ids the client left unanswered (rules version 2 on).
    unanswered = models.JSONField(default=list, blank=True)
    # What to ask in person before massage (rules version 3 on): [{"id", "ask", "question",
    # "cause"}], unanswered questions included. Any of them makes the tier `incomplete`
    # unless an emergency or refer flag fired.
    ask_in_person = models.JSONField(default=list, blank=True)
    # A screening made again after the therapist recorded answers in person (intake
    # InPersonAnswer): it counts as the intake's screening from then on.
    answered_in_person = models.BooleanField(default=False)
    is_rescreen = models.BooleanField(default=False)
    # The one-time key of the "Rescreen" form that made a rescreen (clients.submission).
    submission_key = key_model_field()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["is_rescreen", "answered_in_person", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake"],
                condition=models.Q(is_rescreen=False, answered_in_person=False),
                name="one_original_screening_per_intake",
            ),
            models.CheckConstraint(
                condition=~models.Q(is_rescreen=True, answered_in_person=True),
                name="a_rescreen_is_not_answered_in_person",
            ),
        ]

    def __str__(self):
        return f"{self.get_tier_display()} ({self.rules_version})"

    @property
    def urgency(self):
        """0 for emergency ... 4 for clear, for sorting most urgent first."""
        return tiers.urgency(self.tier)

    @property
    def is_emergency(self):
        return self.tier == tiers.EMERGENCY

    @property
    def is_refer(self):
        return self.tier == tiers.REFER

    @property
    def is_incomplete(self):
        return self.tier == tiers.INCOMPLETE

    @property
    def needs_physician(self):
        return self.tier in tiers.NEEDS_PHYSICIAN

    @property
    def flag_list(self):
        """The stored flags, typed (intake.flags.StoredFlag), most urgent first."""
        return flags_of(self)

    @property
    def asks(self):
        """What to ask in person before massage (intake.flags.StoredAsk); for a screening made
        before asks were stored, its unanswered required questions."""
        return asks_of(self)

    @property
    def is_original(self):
        return not self.is_rescreen and not self.answered_in_person


class InPersonAnswer(models.Model):
    """A yes or no the therapist recorded by asking the client in person, for a screening
    question the intake's screening asked about (intake.services.in_person_answers_record).
    Every answer of an intake replaces the client's own when it is screened again."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="in_person_answers")
    question_id = models.CharField(max_length=60)
    value = models.BooleanField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = "answer given in person"

    def __str__(self):
        return f"{self.question_id}: {'yes' if self.value else 'no'}"
