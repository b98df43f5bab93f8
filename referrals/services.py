"""Writes for referral letters and their replies. Each is one transaction.

Every write to an existing letter locks its row and checks its status under the lock, so a
"Save draft" racing a "Finalise" either lands before the PDF is made or is refused: a final
letter is never edited, and its stored PDF is never touched again.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clearance.services import clearance_record
from clients.models import Client
from clients.selectors import therapist_profile
from printing.pdf import render_pdf
from referrals.files import delete_letter_files, write_letter_file
from referrals.models import LetterReply, ReferralLetter
from referrals.selectors import draft_content

LETTER_TEMPLATE = "referrals/letter_pdf.html"
LETTER_STYLESHEETS = ("css/letter.css",)
REQUIRED_FOR_FINAL = {
    "physician_name": "Add the physician's name before finalising.",
    "subject": "Add a Re: line before finalising.",
    "reason": "Say why you are referring before finalising.",
    "request": "Say what you are asking the physician before finalising.",
}


def letter_context(letter, *, letter_date=None, draft=False):
    """Everything the letter template reads."""
    therapist = therapist_profile(letter.author)
    practice = therapist.practice if therapist else None
    return {
        "letter": letter,
        "client": letter.client,
        "therapist": therapist,
        "practice": practice,
        "letter_date": letter_date or letter.letter_date or timezone.localdate(),
        "draft": draft,
        "page_size": practice.letter_page_size if practice else "A4",
    }


def letter_render_preview(*, letter):
    """A draft's PDF, marked as a draft; never stored."""
    return render_pdf(
        LETTER_TEMPLATE, letter_context(letter, draft=True), stylesheets=LETTER_STYLESHEETS
    )


class LetterIsFinal(ValidationError):
    """The letter was finalised; it is corrected by a new version, never edited."""


def _draft_of(client):
    return ReferralLetter.objects.filter(client=client, status=ReferralLetter.Status.DRAFT).first()


def letter_create_draft(*, client, author):
    """A draft letter written from the client's record, or the client's existing draft.

    A client has at most one draft (a constraint), so "Write referral letter" clicked twice
    lands on the same draft.
    """
    try:
        with transaction.atomic():
            Client.objects.select_for_update().filter(pk=client.pk).first()
            existing = _draft_of(client)
            if existing is not None:
                return existing
            content = draft_content(client)
            letter = ReferralLetter(
                client=client, author=author, screening=content.screening, **content.fields
            )
            letter.full_clean(validate_constraints=False)
            letter.save()
            return letter
    except IntegrityError:
        existing = _draft_of(client)
        if existing is None:
            raise
        return existing


@transaction.atomic
def letter_update_draft(*, letter, data):
    """Save the therapist's edits to a draft: only ReferralLetter.CONTENT_FIELDS, under the
    row lock. Raises LetterIsFinal if the letter was finalised meanwhile."""
    locked = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    if locked.is_final:
        raise LetterIsFinal("This letter was finalised, so it can no longer be edited.")
    fields = [name for name in ReferralLetter.CONTENT_FIELDS if name in data]
    for name in fields:
        setattr(locked, name, data[name])
    locked.full_clean(validate_constraints=False)
    locked.save(update_fields=[*fields, "updated_at"])
    return locked


def letter_finalise(*, letter, on_date=None):
    """Render the letter once and keep the bytes; a finalised correction supersedes the
    letter it corrects.

    The PDF is written to storage before the row that names it is made final; if the
    transaction then fails, the file is deleted again, so no health data is left behind
    without its letter. (A crash between the two leaves a file no letter names:
    referrals.files.delete_orphaned_letter_files removes it.)
    """
    written = []
    try:
        return _finalise(letter, on_date, written)
    except BaseException:
        delete_letter_files(written)
        raise


@transaction.atomic
def _finalise(letter, on_date, written):
    letter = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    # Under the row lock: a letter's file is written once and never replaced.
    if letter.is_final or letter.pdf:
        raise LetterIsFinal("This letter is already final.")
    missing = {name: msg for name, msg in REQUIRED_FOR_FINAL.items() if not getattr(letter, name)}
    if missing:
        raise ValidationError(missing)
    on_date = on_date or timezone.localdate()
    pdf = render_pdf(
        LETTER_TEMPLATE,
        letter_context(letter, letter_date=on_date),
        stylesheets=LETTER_STYLESHEETS,
    )
    name = write_letter_file(pdf)
    written.append(name)
    letter.pdf.name = name
    letter.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    letter.letter_date = on_date
    letter.finalised_at = timezone.now()
    letter.status = ReferralLetter.Status.FINAL
    letter.full_clean()
    letter.save()
    if letter.corrects_id:
        ReferralLetter.objects.filter(pk=letter.corrects_id, superseded_at__isnull=True).update(
            superseded_at=letter.finalised_at
        )
    return letter


@transaction.atomic
def letter_correct(*, letter, author):
    """Start (or return the existing) corrected version of a final letter."""
    letter = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_final:
        raise ValidationError("Only a final letter is corrected; edit the draft instead.")
    existing = ReferralLetter.objects.filter(corrects=letter).first()
    if existing is not None:
        return existing
    other_draft = _draft_of(letter.client)
    if other_draft is not None:
        raise ValidationError(
            "This client already has a draft letter. Finish or delete it before writing a "
            "corrected version."
        )
    correction = ReferralLetter(
        client=letter.client,
        author=author,
        screening=letter.screening,
        version=letter.version + 1,
        corrects=letter,
        **{name: getattr(letter, name) for name in ReferralLetter.CONTENT_FIELDS},
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def letter_mark_sent(*, letter, sent_on, sent_via):
    letter = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.status != ReferralLetter.Status.FINAL:
        raise ValidationError("Only a final letter that has not been sent can be marked sent.")
    if letter.carried_by_client and sent_via != ReferralLetter.SentVia.CLIENT:
        raise ValidationError(
            {"sent_via": "Without the client's consent the letter is given to the client."}
        )
    letter.sent_on = sent_on
    letter.sent_via = sent_via
    letter.status = ReferralLetter.Status.SENT
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def letter_delete_draft(*, letter):
    letter = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_draft:
        raise ValidationError("A final letter is kept; correct it instead.")
    letter.delete()


@transaction.atomic
def letter_record_reply(*, letter, recorded_by, **answer):
    """Record the physician's answer to a sent letter: a clearance, linked to the letter.

    The same answer twice (a double submit) is stored once.
    """
    letter = ReferralLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.status not in (ReferralLetter.Status.SENT, ReferralLetter.Status.REPLIED):
        raise ValidationError("Mark the letter as sent before recording the reply.")
    clearance = clearance_record(
        client=letter.client,
        recorded_by=recorded_by,
        # The same answer again counts as a double submit only if it answered this letter.
        is_repeat=lambda latest: LetterReply.objects.filter(
            clearance=latest, letter=letter
        ).exists(),
        **answer,
    )
    LetterReply.objects.get_or_create(clearance=clearance, defaults={"letter": letter})
    if letter.status != ReferralLetter.Status.REPLIED:
        letter.status = ReferralLetter.Status.REPLIED
        letter.save(update_fields=["status", "updated_at"])
    return clearance
