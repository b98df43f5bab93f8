"""Two-factor sign-in: recovery codes kept only as keyed hashes (a django-otp device of our
own), and the one-time links that let a staff member set up two-factor sign-in."""

import hashlib
import secrets
from base64 import b32encode
from secrets import token_bytes

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

RECOVERY_CODE_COUNT = 10


def random_recovery_code():
    """Eight lower-case base32 characters (40 random bits), as django-otp's static tokens are."""
    return b32encode(token_bytes(5)).decode().lower()


def recovery_code_hash(code, secret=None):
    """HMAC-SHA256 of the code, keyed by SECRET_KEY (or the given old key), in hex.

    Why a keyed hash and not a password hasher: a code is found among the user's ten by one
    indexed lookup, where a salted slow hash (Argon2) would have to be computed against each of
    the ten, seconds of CPU on every try. A copy of the database alone gives no code; whoever
    also holds SECRET_KEY can forge sessions anyway.
    """
    normalised = "".join(code.split()).lower()
    return salted_hmac(
        "accounts.RecoveryCode", normalised, secret=secret, algorithm="sha256"
    ).hexdigest()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """Ten single-use codes for a lost phone: django-otp's static device, with codes hashed.

    Each code is stored as recovery_code_hash() and deleted when used. Hashes under the keys
    in SECRET_KEY_FALLBACKS match too, so rotating SECRET_KEY does not void printed codes.
    """

    class Meta:
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def replace_codes(self):
        """New codes in place of any old ones; returned in clear to be shown once, never stored."""
        codes = [random_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        self.code_set.all().delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=self, code_hash=recovery_code_hash(code)) for code in codes
        )
        return codes

    def verify_token(self, token):
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        match = self.code_set.filter(
            code_hash__in=[recovery_code_hash(token, key) for key in keys]
        ).first()
        # Counting the rows the delete removed keeps a code single-use when two sign-ins race.
        used = match is not None and RecoveryCode.objects.filter(pk=match.pk).delete()[0] == 1
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return used


class RecoveryCode(models.Model):
    """One unused recovery code, as its hash (see recovery_code_hash)."""

    device = models.ForeignKey(
        RecoveryCodeDevice, related_name="code_set", on_delete=models.CASCADE
    )
    code_hash = models.CharField(max_length=64, db_index=True)

    def __str__(self):
        return f"recovery code {self.pk}"  # never the hash: the admin's delete page lists these


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class EnrolmentLink(models.Model):
    """A one-time link to set up an authenticator, given by the practice owner.

    The password alone must not be enough to enrol: whoever typed it first after a reset (or
    for a new login) would otherwise bind their own phone to the account. The link is emailed
    to the staff member or handed over by the owner; only the SHA-256 of its token is stored.
    It works until `expires_at`, once (`used_at`), and a newer link for the same login
    replaces it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "two-factor enrolment link"

    def __str__(self):
        return f"Two-factor enrolment link #{self.pk}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)

    def is_usable(self, now=None):
        """Unused and not expired: what a visit to the link and the enrolment itself check."""
        now = now or timezone.now()
        return self.used_at is None and now < self.expires_at
