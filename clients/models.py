import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from clients.links import record_url
from clients.submission import key_model_field


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def normalise_for_search(text):
    """Lower-case, strip accents and fold spaces, so "Núñez" is found by "nunez"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def digits_only(text):
    return "".join(ch for ch in text or "" if ch.isdigit())


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "Not a time zone we know. Use a name such as America/Toronto or Europe/London."
        )


class Practice(TimeStampedModel):
    """The clinic: its details head every referral letter."""

    class PageSize(models.TextChoices):
        A4 = "A4", "A4"
        LETTER = "letter", "US Letter"

    name = models.CharField(max_length=200)
    address = models.TextField(blank=True, help_text="Street, town and postcode, one per line.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    letter_page_size = models.CharField(
        max_length=10, choices=PageSize.choices, default=PageSize.A4
    )
    # Appointments are stored in UTC and shown, booked and reminded in this zone.
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="An IANA time zone, for example America/Toronto or Europe/London.",
    )
    # How long health records are kept after the last visit (the law of the practice's place
    # decides: for example 10 years in Ontario); shown where a record is erased.
    record_retention_years = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(100)],
        help_text="Years a client's record is kept after their last visit.",
    )

    def __str__(self):
        return self.name

    @property
    def address_line(self):
        """The address on one line, as a letterhead prints it: "1 Quay Street, Port Town"."""
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())


class Therapist(TimeStampedModel):
    """A staff login of a practice: a therapist who treats clients (their credentials sign
    referral letters), the practice owner, or the front desk."""

    class Role(models.TextChoices):
        OWNER = "owner", "Practice owner"
        THERAPIST = "therapist", "Therapist"
        FRONT_DESK = "front_desk", "Front desk"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist"
    )
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="therapists")
    designation = models.CharField(
        max_length=100, blank=True, help_text="For example RMT, LMT or MSc."
    )
    licence_number = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    role = models.CharField(
        max_length=12,
        choices=Role.choices,
        default=Role.THERAPIST,
        help_text="Owner: every client of the practice, the audit log and staff accounts. "
        "Therapist: their own clients. Front desk: clients' contact details and intake links, "
        "no clinical content.",
    )

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def signature_line(self):
        """Name and designation as they are signed on a letter: "Maya Chen, RMT"."""
        if self.designation:
            return f"{self.display_name}, {self.designation}"
        return self.display_name


class ClientQuerySet(models.QuerySet):
    def for_therapist(self, user):
        return self.filter(therapist=user)

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def search(self, query):
        """Every word of the query must match the name, email or phone."""
        words = normalise_for_search(query).split()
        queryset = self
        for word in words:
            condition = models.Q(search_text__contains=word)
            digits = digits_only(word)
            # Phone numbers are typed in many shapes: "(555) 010-2030" finds "5550102030".
            if len(digits) >= 3 and len(digits) >= len(word) - 4:
                condition |= models.Q(phone_digits__contains=digits)
            queryset = queryset.filter(condition)
        return queryset


class Client(TimeStampedModel):
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clients"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_phone = models.CharField(max_length=40, blank=True)

    physician_name = models.CharField(max_length=200, blank=True)
    physician_practice = models.CharField(max_length=200, blank=True)
    physician_address = models.TextField(blank=True)
    physician_phone = models.CharField(max_length=40, blank=True)
    # Many physicians' offices still take referrals by fax; typed by staff (the
    # questionnaire does not ask it), printed under the address on a referral letter.
    physician_fax = models.CharField(max_length=40, blank=True)
    physician_email = models.EmailField(blank=True)
    consent_contact_physician = models.BooleanField(
        default=False,
        help_text="The client allows the practice to write to their physician.",
    )

    medications = models.TextField(blank=True)
    conditions = models.TextField(blank=True, help_text="Health history in the client's words.")
    allergies = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Private notes for the therapist.")

    archived_at = models.DateTimeField(null=True, blank=True)
    # Appointment reminders by email; confirmations and intake links still go out.
    reminders_opt_out = models.BooleanField(
        default=False, help_text="The client asked not to be sent appointment reminders."
    )
    # The one-time key of the form that added the client (clients.submission).
    submission_key = key_model_field()

    # Derived for fast, accent-insensitive search; refreshed on every save.
    search_text = models.TextField(editable=False, default="")
    phone_digits = models.CharField(max_length=40, editable=False, default="")

    # The client's latest original screening, copied onto the record when an intake is
    # submitted (intake.services.intake_submit), as the answers are: the dashboard finds the
    # clients who need a physician's clearance from an index instead of ranking every
    # screening of every client. intake.selectors.latest_screening stays the source.
    screening_tier = models.CharField(max_length=10, editable=False, blank=True, default="")
    # When that screening was made (clearances recorded at or after it count) and when its
    # intake was submitted (the latest is the one submitted last).
    screened_at = models.DateTimeField(null=True, blank=True, editable=False)
    screening_submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What holds the client's sessions, as clearance.status works it out from their whole
    # history of screenings and clearances: "emergency" or "refer" (a flag no clearance covers
    # yet), "incomplete" (questions to ask in person first) or "" (nothing). Stored, so the
    # dashboard finds the held clients from a partial index; refreshed by every service that
    # writes a screening, an answer given in person or a clearance (clearance.services).
    care_hold = models.CharField(max_length=10, editable=False, blank=True, default="")
    # Since when: the earliest flag still held (or the screening with the questions to ask).
    care_hold_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClientQuerySet.as_manager()

    # What the client tells us about themselves: the intake questionnaire copies these
    # answers (same ids) onto the record when it is submitted.
    SELF_REPORTED_FIELDS = (
        "first_name",
        "last_name",
        "preferred_name",
        "date_of_birth",
        "email",
        "phone",
        "emergency_contact_name",
        "emergency_contact_phone",
        "physician_name",
        "physician_practice",
        "physician_address",
        "physician_phone",
        "physician_email",
        "consent_contact_physician",
        "medications",
        "conditions",
        "allergies",
    )

    class Meta:
        ordering = [Lower("last_name"), Lower("first_name"), "pk"]
        indexes = [
            models.Index(fields=["therapist", "archived_at"]),
            models.Index(fields=["therapist", "last_name", "first_name"]),
            # The dashboard's recently updated clients.
            models.Index(
                fields=["therapist", "-updated_at", "-id"],
                condition=models.Q(archived_at__isnull=True),
                name="client_recently_updated",
            ),
            # The dashboard's clients who need a physician's clearance (clearance.status).
            models.Index(
                fields=["therapist", "care_hold_since"],
                condition=models.Q(archived_at__isnull=True, care_hold__in=["emergency", "refer"]),
                name="client_held_for_physician",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="") & ~models.Q(last_name=""),
                name="client_has_a_name",
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = normalise_for_search(
            " ".join([self.first_name, self.last_name, self.preferred_name, self.email, self.phone])
        )
        self.phone_digits = digits_only(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "phone_digits"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return record_url("dashboard:client-detail", self.pk)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def file_name_part(self):
        """The client's name as it starts a document's file name: "nunez-zoe"."""
        return slugify(f"{self.last_name} {self.first_name}") or "client"

    @property
    def is_archived(self):
        return self.archived_at is not None

    def age_on(self, day=None):
        if self.date_of_birth is None:
            return None
        day = day or timezone.localdate()
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def age(self):
        return self.age_on()

    @property
    def has_physician(self):
        return bool(self.physician_name)
