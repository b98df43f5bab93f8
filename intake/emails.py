"""The intake link: its full URL, and the email that carries it to the client.

The email says only who is asking, where to click and until when: nothing about the
client's health, because email is not a private channel.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from clients.selectors import therapist_profile


def intake_url(token):
    """The full address of the questionnaire for one token, as the client will open it."""
    return settings.SITE_URL + reverse("intake:form", kwargs={"token": token})


def send_intake_link(*, intake, token, email):
    """Email the link; raises whatever the mail backend raises (the caller decides)."""
    therapist = intake.therapist
    profile = therapist_profile(therapist)
    practice = profile.practice if profile else None
    context = {
        "first_name": intake.client.preferred_name or intake.client.first_name,
        "url": intake_url(token),
        "expires_at": intake.expires_at,
        "practice_name": practice.name if practice else "",
        "practice_phone": practice.phone if practice else "",
        "therapist_name": profile.display_name if profile else therapist.get_full_name(),
    }
    subject = render_to_string("intake/email/link_subject.txt", context).strip()
    body = render_to_string("intake/email/link_body.txt", context)
    # Replies go to the practice, not to the sending address (often a no-reply box).
    reply_to = [practice.email] if practice and practice.email else None
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], reply_to=reply_to).send()
