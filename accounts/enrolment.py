"""Two-factor enrolment links: made by the practice owner (or `manage.py enrolment_link`),
sent to or handed to the staff member, used once to set up an authenticator.

Issuing a link and enrolling with it are recorded in the audit trail against the staff
member's login (accounts.signals); the link's token is never recorded or stored.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentLink, hash_token
from accounts.signals import two_factor_changed

logger = logging.getLogger(__name__)

# The session remembers the link that was opened, so the token leaves the address bar (and
# the Referer of the pages after it) at once, and survives the sign-in that may follow.
SESSION_KEY = "accounts_enrolment_link"


def enrolment_url(token):
    return settings.SITE_URL + reverse("accounts:two-factor-enrol", args=[token])


@transaction.atomic
def enrolment_link_create(*, request, user):
    """A new link for `user`; returns (link, token). The token is returned once, never stored.

    Older unused links of `user` stop working, and an authenticator they began to set up but
    never confirmed is deleted, so the key the new link shows has been seen by no one else.
    """
    now = timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True).delete()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    token = EnrolmentLink.new_token()
    link = EnrolmentLink.objects.create(
        user=user,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + datetime.timedelta(hours=settings.ENROLMENT_LINK_HOURS),
    )
    two_factor_changed.send(
        EnrolmentLink,
        request=request,
        user=user,
        changes={"two-factor enrolment link": [None, "issued"]},
    )
    return link, token


def enrolment_link_email(*, link, token):
    """Email the link to its staff member; False if they have no email or the mail server
    refused (the owner then hands it over)."""
    user = link.user
    if not user.email:
        return False
    profile = getattr(user, "therapist", None)
    context = {
        "user": user,
        "practice_name": profile.practice.name if profile else "",
        "url": enrolment_url(token),
        "expires_at": link.expires_at,
    }
    subject = render_to_string("accounts/enrolment_email_subject.txt", context).strip()
    body = render_to_string("accounts/enrolment_email.txt", context)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    except (smtplib.SMTPException, OSError):
        logger.warning("The two-factor enrolment link to user #%s could not be emailed.", user.pk)
        return False
    return True


def enrolment_link_for_token(token):
    """The usable link this token opens, or None."""
    link = EnrolmentLink.objects.filter(token_hash=hash_token(token)).first()
    return link if link and link.is_usable() else None


def enrolment_link_in_session(request):
    """The usable link this session opened, if it is the signed-in user's."""
    pk = request.session.get(SESSION_KEY)
    if pk is None or not request.user.is_authenticated:
        return None
    link = EnrolmentLink.objects.filter(pk=pk, user=request.user).first()
    return link if link and link.is_usable() else None


def enrolment_link_use(*, request, link):
    """Mark the link used; False if it was used or expired meanwhile (another tab).

    One UPDATE that matches only an unused, unexpired row: of two confirmations at once, one
    wins. Call inside the transaction that confirms the device.
    """
    now = timezone.now()
    used = EnrolmentLink.objects.filter(
        pk=link.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not used:
        return False
    request.session.pop(SESSION_KEY, None)
    two_factor_changed.send(
        EnrolmentLink,
        request=request,
        user=link.user,
        changes={"two-factor": ["off", "on"], "two-factor enrolment link": ["issued", "used"]},
    )
    return True
