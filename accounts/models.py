"""One-time links that let a staff member set up two-factor sign-in."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


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
