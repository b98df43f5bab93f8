from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone

from clearance.models import Clearance
from clients.links import record_url
from clients.models import Client, TimeStampedModel
from referrals.files import LetterFileUnreadable, read_letter_file


class ReferralLetterQuerySet(models.QuerySet):
    def for_therapist(self, user):
        return self.filter(client__therapist=user)

    def current(self):
        """Letters not replaced by a finalised correction."""
        return self.filter(superseded_at__isnull=True)


class ReferralLetter(TimeStampedModel):
    """A letter asking a client's physician to assess them and clear massage.

    A draft is edited freely. Finalising renders it to PDF once and stores those bytes as a
    file (referrals/files.py) with their SHA-256 in the row: what was sent is kept exactly as
    it was sent, is never rendered again, and is read only through `pdf_bytes`, which checks
    the hash. A correction is a new letter (version + 1) that `corrects` the old one; the old
    one is marked superseded when the correction is finalised.
    """

    # What the therapist writes: edited on a draft and copied into a correction.
    CONTENT_FIELDS = (
        "physician_name",
        "physician_practice",
        "physician_address",
        "consent_contact_physician",
        "subject",
        "reason",
        "complaint",
        "history",
        "findings",
        "request",
    )

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final, not sent yet"
        SENT = "sent", "Sent, awaiting reply"
        REPLIED = "replied", "Reply received"

    class SentVia(models.TextChoices):
        FAX = "fax", "Fax"
        EMAIL = "email", "Email"
        POST = "post", "Post"
        CLIENT = "client", "Given to the client"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referral_letters")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The screening whose flags the letter reports; kept when a newer intake arrives.
    screening = models.ForeignKey(
        "intake.Screening", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveSmallIntegerField(default=1)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        help_text="The earlier letter this version corrects.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    physician_name = models.CharField("Physician's name", max_length=200, blank=True)
    physician_practice = models.CharField("Practice or clinic", max_length=200, blank=True)
    physician_address = models.TextField("Address", blank=True)
    consent_contact_physician = models.BooleanField(
        "The client consents to the practice contacting their physician",
        default=False,
        help_text="Without consent the letter is given to the client to carry.",
    )

    subject = models.CharField("Re: line", max_length=300, blank=True)
    reason = models.TextField("Why I am referring", blank=True)
    complaint = models.TextField("Presenting complaint", blank=True)
    history = models.TextField("Relevant history", blank=True)
    findings = models.TextField("My findings and treatment so far", blank=True)
    request = models.TextField("What I am asking", blank=True)

    letter_date = models.DateField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    # The stored file's name in STORAGES["default"] (letters/<random>.pdf); "" on a draft.
    pdf = models.FileField(upload_to="letters/", blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    sent_on = models.DateField(null=True, blank=True)
    sent_via = models.CharField(max_length=10, choices=SentVia.choices, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "sent_on"]),
            # The dashboard's two letter panels read their first rows in the panel's order
            # from these, joining each to its client (whose therapist they belong to) until
            # the panel is full, instead of joining every letter of the practice; client_id
            # is in the index so a panel's count is read from the index alone.
            models.Index(
                fields=["sent_on", "id"],
                include=["client"],
                condition=models.Q(status="sent", superseded_at__isnull=True),
                name="letter_waiting_for_reply",
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                include=["client"],
                condition=models.Q(status__in=["draft", "final"], superseded_at__isnull=True),
                name="letter_not_sent_yet",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    ~models.Q(pdf="")
                    & ~models.Q(pdf_sha256="")
                    & models.Q(letter_date__isnull=False)
                ),
                name="final_letter_has_its_pdf",
            ),
            # A draft's preview is rendered afresh each time; only a final letter has a file.
            models.CheckConstraint(
                condition=~models.Q(status="draft") | (models.Q(pdf="") & models.Q(pdf_sha256="")),
                name="draft_letter_has_no_pdf",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["sent", "replied"])
                | (models.Q(sent_on__isnull=False) & ~models.Q(sent_via="")),
                name="sent_letter_says_when_and_how",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_contact_physician=True)
                | models.Q(sent_via__in=["", "client"]),
                name="letter_without_consent_goes_with_the_client",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="letter_version_starts_at_one"
            ),
            # One letter in the making per client: a second "Write referral letter" lands
            # on the draft instead of starting another.
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(status="draft"),
                name="one_draft_letter_per_client",
            ),
        ]

    def __str__(self):
        return f"Referral letter for {self.client} (version {self.version})"

    def get_absolute_url(self):
        return record_url("referrals:letter-detail", self.pk)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_final(self):
        """Finalised: the stored PDF is the letter and nothing in it may change."""
        return self.status != self.Status.DRAFT

    @property
    def is_superseded(self):
        return self.superseded_at is not None

    @property
    def carried_by_client(self):
        return not self.consent_contact_physician

    @cached_property
    def reply(self):
        """The physician's latest answer recorded against this letter (a list of letters
        gets them all at once: referrals.selectors.client_referrals)."""
        latest = self.replies.select_related("clearance").order_by("-clearance__recorded_at")
        reply = latest.first()
        return reply.clearance if reply else None

    @property
    def days_since_sent(self):
        if self.sent_on is None:
            return None
        return (timezone.localdate() - self.sent_on).days

    @property
    def sent_ago(self):
        """How long ago it was sent, in words: "today", "yesterday", "12 days ago" (never
        "0 days ago")."""
        days = self.days_since_sent
        if days is None:
            return ""
        if days <= 0:
            return "today"
        if days == 1:
            return "yesterday"
        return f"{days} days ago"

    @property
    def is_overdue(self):
        """Sent more than OVERDUE_AFTER_DAYS ago with no reply."""
        days = self.days_since_sent
        return self.status == self.Status.SENT and days is not None and days > OVERDUE_AFTER_DAYS

    def pdf_bytes(self):
        """The final letter's PDF as it was sent: read from storage and checked against the
        SHA-256 kept in the row. Raises LetterFileUnreadable (logged) if the file is missing
        or differs: a changed file is never served as the letter."""
        if not self.pdf:
            raise LetterFileUnreadable("A draft letter has no stored PDF.")
        return read_letter_file(self.pdf.name, self.pdf_sha256)

    def pdf_filename(self):
        name = self.client.file_name_part
        day = (self.letter_date or timezone.localdate()).isoformat()
        return f"referral-{name}-{day}-v{self.version}.pdf"


OVERDUE_AFTER_DAYS = 14


class LetterReply(models.Model):
    """Links a physician's answer (a clearance) to the letter it answers.

    Kept here, not on the clearance, because letters build on clearances and not the other
    way round: a clearance given by phone has no letter.
    """

    letter = models.ForeignKey(ReferralLetter, on_delete=models.CASCADE, related_name="replies")
    clearance = models.OneToOneField(
        Clearance, on_delete=models.CASCADE, related_name="letter_reply"
    )

    class Meta:
        verbose_name_plural = "letter replies"

    def __str__(self):
        return f"{self.clearance} in reply to {self.letter}"
