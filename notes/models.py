"""Session notes (SOAP) and the complaint map they draw on.

The tables keep the names they had when notes lived in the clients app (`clients_...`): the
models moved here without touching any data.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from clients.links import record_url
from clients.models import Client, TimeStampedModel
from clients.submission import key_model_field
from screening.restrictions import RESTRICTION_LABELS


class MapEntry(models.Model):
    """An entry of the complaint map: a readable slug id, a label and where it comes from."""

    id = models.SlugField(
        primary_key=True, max_length=60, help_text="A stable id, e.g. piriformis."
    )
    label = models.CharField(max_length=120)
    source = models.TextField(help_text="Where this entry comes from, so it can be reviewed.")
    position = models.PositiveSmallIntegerField(default=100, help_text="Order in lists.")

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self):
        return self.label


class RestrictedEntry(MapEntry):
    """A map entry a caution can exclude: a technique, or self-care the client does alone."""

    # Restriction ids of screening/restrictions.py that exclude it.
    restricted_by = models.JSONField(
        default=list,
        blank=True,
        help_text='Restriction ids that exclude it, e.g. ["deep_pressure"].',
    )

    class Meta(MapEntry.Meta):
        abstract = True

    def clean(self):
        ids = self.restricted_by
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ValidationError({"restricted_by": "Give a list of restriction ids."})
        unknown = sorted(set(ids) - set(RESTRICTION_LABELS))
        if unknown:
            raise ValidationError(
                {"restricted_by": f"Unknown restriction id(s): {', '.join(unknown)}."}
            )


class Technique(RestrictedEntry):
    description = models.TextField(blank=True)
    deep_pressure = models.BooleanField(default=False, help_text="Uses deep or forceful pressure.")

    class Meta(RestrictedEntry.Meta):
        db_table = "clients_technique"


class SelfCareItem(RestrictedEntry):
    """Self-care follows the same cautions as techniques: pressure the client applies alone
    (a ball release) is still deep pressure."""

    instructions = models.TextField(help_text="Short instructions printed on the handout.")

    class Meta(RestrictedEntry.Meta):
        db_table = "clients_selfcareitem"
        verbose_name = "self-care item"


class Complaint(MapEntry):
    feels = models.TextField("What clients feel")
    note = models.TextField(blank=True, help_text="How to apply the suggestions.")
    techniques = models.ManyToManyField(Technique, blank=True, related_name="complaints")
    self_care = models.ManyToManyField(SelfCareItem, blank=True, related_name="complaints")

    class Meta(MapEntry.Meta):
        db_table = "clients_complaint"


class SessionNoteQuerySet(models.QuerySet):
    def for_therapist(self, user):
        return self.filter(client__therapist=user)


class SessionNote(TimeStampedModel):
    """One visit, in SOAP form. Editable while a draft; once signed, changes are amendments."""

    class Pressure(models.TextChoices):
        LIGHT = "light", "Light"
        MODERATE = "moderate", "Moderate"
        FIRM = "firm", "Firm"
        DEEP = "deep", "Deep"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="session_notes")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_notes"
    )
    session_date = models.DateField("Date")
    duration_minutes = models.PositiveSmallIntegerField("Duration (minutes)")

    subjective = models.TextField("Client's report", blank=True)
    pain_before = models.PositiveSmallIntegerField("Pain before (0–10)")
    complaints = models.ManyToManyField(
        Complaint, blank=True, related_name="session_notes", verbose_name="Structures involved"
    )
    findings = models.TextField(blank=True)
    techniques = models.ManyToManyField(
        Technique, blank=True, related_name="session_notes", verbose_name="Techniques used"
    )
    pressure = models.CharField(max_length=10, choices=Pressure.choices, blank=True)
    assessment = models.TextField(blank=True)
    plan = models.TextField(blank=True)
    self_care = models.ManyToManyField(
        SelfCareItem, blank=True, related_name="session_notes", verbose_name="Self-care given"
    )
    self_care_notes = models.TextField("Other self-care advice", blank=True)
    pain_after = models.PositiveSmallIntegerField("Pain after (0–10)")

    # Patient-Specific Functional Scale: up to three activities, each 0 (unable) to 10.
    psfs_activity_1 = models.CharField("Activity 1", max_length=120, blank=True)
    psfs_score_1 = models.PositiveSmallIntegerField("Score 1", null=True, blank=True)
    psfs_activity_2 = models.CharField("Activity 2", max_length=120, blank=True)
    psfs_score_2 = models.PositiveSmallIntegerField("Score 2", null=True, blank=True)
    psfs_activity_3 = models.CharField("Activity 3", max_length=120, blank=True)
    psfs_score_3 = models.PositiveSmallIntegerField("Score 3", null=True, blank=True)

    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The cautions and physician restrictions in force when the note was signed.
    restrictions_at_signing = models.JSONField(default=list, blank=True, editable=False)
    # The one-time key of the form that created the note (clients.submission).
    submission_key = key_model_field()

    objects = SessionNoteQuerySet.as_manager()

    class Meta:
        db_table = "clients_sessionnote"
        ordering = ["-session_date", "-created_at"]
        indexes = [models.Index(fields=["therapist", "session_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pain_before__lte=10) & models.Q(pain_after__lte=10),
                name="note_pain_is_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1) & models.Q(duration_minutes__lte=480),
                name="note_duration_1_to_480_minutes",
            ),
            models.CheckConstraint(
                condition=(models.Q(psfs_score_1__isnull=True) | models.Q(psfs_score_1__lte=10))
                & (models.Q(psfs_score_2__isnull=True) | models.Q(psfs_score_2__lte=10))
                & (models.Q(psfs_score_3__isnull=True) | models.Q(psfs_score_3__lte=10)),
                name="note_psfs_is_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_by__isnull=True)
                | models.Q(signed_at__isnull=False, signed_by__isnull=False),
                name="note_signed_by_someone_at_a_time",
            ),
        ]

    def __str__(self):
        return f"Session note for {self.client} ({self.session_date})"

    def get_absolute_url(self):
        return record_url("notes:note-detail", self.pk)

    @property
    def is_signed(self):
        return self.signed_at is not None

    @property
    def pain_change(self):
        return self.pain_after - self.pain_before

    @property
    def psfs_items(self):
        """The recorded (activity, score) pairs."""
        pairs = [
            (self.psfs_activity_1, self.psfs_score_1),
            (self.psfs_activity_2, self.psfs_score_2),
            (self.psfs_activity_3, self.psfs_score_3),
        ]
        return [(activity, score) for activity, score in pairs if score is not None]

    @property
    def psfs_score(self):
        """The PSFS score is the mean of the activity scores (one decimal); None if unrecorded."""
        scores = [score for _, score in self.psfs_items]
        if not scores:
            return None
        return round(sum(scores) / len(scores), 1)


class NoteAmendment(models.Model):
    """A change to a signed note: the original stays as it was, this says what, why and who."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField("Amendment")
    reason = models.CharField("Reason for the amendment", max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = key_model_field()

    class Meta:
        db_table = "clients_noteamendment"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Amendment to {self.note} ({self.created_at:%Y-%m-%d %H:%M})"
