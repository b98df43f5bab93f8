"""The printed record: one intake as a PDF (a paper copy for the chart or the client), and
record.pdf, the whole record for the client to read.

Both carry the referral letter's letterhead, fonts and page size (templates/printing/,
static/css/letter.css), and put answers in words through intake/review.py, as the review
page does: "6 to 12 weeks", never "6_to_12_weeks".
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateformat import format as format_date

from clearance.models import Clearance
from clients.models import Practice
from clients.selectors import therapist_profile
from intake import pain_map
from intake.flags import question_label
from intake.models import Intake
from intake.review import (
    EMERGENCY_ADVICE,
    asks_for_review,
    flags_for_review,
    pain_areas,
    questionnaire,
)
from notes.models import NoteAmendment, SessionNote
from printing.pdf import render_pdf
from referrals.models import ReferralLetter

STYLESHEETS = ("css/letter.css", "css/record.css")


@dataclass(frozen=True)
class InPerson:
    label: str
    value: bool
    by: str
    at: object


@dataclass(frozen=True)
class IntakePrint:
    """What the printed intake shows: the answers as given, the screening that counts, its
    flags with the answers behind them, the pain map, the consent and signature."""

    intake: object
    screening: object
    flags: list
    asks: list
    in_person: list
    sections: list
    pain_areas: list
    marked_areas: list
    consent: bool
    signature: str
    reviewer: str


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def intake_print(intake):
    answers = intake.answers or {}
    screening = intake.effective_screening
    areas = pain_areas(answers)
    return IntakePrint(
        intake=intake,
        screening=screening,
        flags=flags_for_review(screening, answers),
        asks=asks_for_review(screening),
        in_person=[
            InPerson(question_label(a.question_id), a.value, _name(a.asked_by), a.asked_at)
            for a in intake.in_person_answers.select_related("asked_by")
        ],
        # The consent has its own paragraph; the rest as the client answered it.
        sections=[s for s in questionnaire(answers) if s.id != "consent"],
        pain_areas=areas,
        marked_areas=[area for area, _ in areas],
        consent=answers.get("consent_treatment") is True,
        signature=answers.get("signature_name") or "",
        reviewer=_name(intake.reviewed_by),
    )


def _practice_of(client):
    therapist = therapist_profile(client.therapist)
    return therapist.practice if therapist else Practice.objects.order_by("pk").first()


def _common(client):
    return {
        "client": client,
        "practice": _practice_of(client),
        "pain_map_views": pain_map.VIEWS,
        "emergency_advice": EMERGENCY_ADVICE,
    }


def intake_pdf(intake):
    """The PDF bytes of one submitted intake and its file name."""
    client = intake.client
    pdf = render_pdf(
        "records/intake_pdf.html",
        {**_common(client), "it": intake_print(intake)},
        stylesheets=STYLESHEETS,
    )
    day = timezone.localdate(intake.submitted_at).isoformat()
    return pdf, f"intake-{client.file_name_part}-{day}.pdf"


LETTER_STATUS_WORDS = {
    ReferralLetter.Status.DRAFT: "Being written, not sent",
    ReferralLetter.Status.FINAL: "Final, not sent yet",
    ReferralLetter.Status.SENT: "Sent, waiting for a reply",
    ReferralLetter.Status.REPLIED: "Sent and answered",
}


def _letters(client, pdf_files):
    letters = list(
        ReferralLetter.objects.filter(client=client)
        .prefetch_related("replies__clearance")
        .order_by("created_at", "pk")
    )
    for letter in letters:
        words = LETTER_STATUS_WORDS.get(letter.status, letter.get_status_display())
        if letter.sent_on:
            sent_on = format_date(letter.sent_on, "j F Y")
            words += f" (sent {sent_on} by {letter.get_sent_via_display().lower()})"
        if letter.is_superseded:
            words += "; replaced by a corrected version"
        letter.status_words = words
        letter.pdf_file = pdf_files.get(letter.pk, "")
        letter.reply_list = [reply.clearance for reply in letter.replies.all()]
    return letters


def _notes(client):
    notes = list(
        SessionNote.objects.filter(client=client)
        .select_related("therapist")
        .prefetch_related(
            "techniques",
            "complaints",
            "self_care",
            Prefetch("amendments", NoteAmendment.objects.select_related("author")),
        )
        .order_by("session_date", "created_at", "pk")
    )
    for note in notes:
        note.therapist_name = _name(note.therapist)
        note.structures = ", ".join(c.label for c in note.complaints.all())
        note.technique_names = ", ".join(t.label for t in note.techniques.all())
        note.self_care_names = ", ".join(s.label for s in note.self_care.all())
        note.amendment_list = list(note.amendments.all())
        for amendment in note.amendment_list:
            amendment.author_name = _name(amendment.author)
    return notes


def _contact(client):
    return [
        ("Name", client.full_name),
        ("Preferred name", client.preferred_name),
        ("Date of birth", format_date(client.date_of_birth, "j F Y") if client.date_of_birth
         else ""),
        ("Email", client.email),
        ("Phone", client.phone),
        ("Address", client.address),
        ("Emergency contact", " · ".join(
            p for p in (client.emergency_contact_name, client.emergency_contact_phone) if p)),
        ("Your physician", "\n".join(
            p for p in (client.physician_name, client.physician_practice, client.physician_address,
                        client.physician_phone, client.physician_email) if p)),
        ("May we write to your physician?", "Yes" if client.consent_contact_physician else "No"),
        ("Medicines", client.medications),
        ("Health history", client.conditions),
        ("Allergies", client.allergies),
        ("Appointment reminders", "No, please" if client.reminders_opt_out else "Yes"),
    ]  # fmt: skip


def record_pdf(client, *, history, pdf_files, exported_at):
    """The whole record for the client to read, as PDF bytes. `history` is the access
    history (records.services.access_history), `pdf_files` the letter PDFs' names in the zip
    by letter id."""
    intakes = (
        Intake.objects.filter(client=client, submitted_at__isnull=False)
        .select_related("reviewed_by")
        .order_by("submitted_at", "pk")
    )
    return render_pdf(
        "records/record_pdf.html",
        {
            **_common(client),
            "exported_at": exported_at,
            "contact": _contact(client),
            "intakes": [intake_print(intake) for intake in intakes],
            "notes": _notes(client),
            "letters": _letters(client, pdf_files),
            "clearances": Clearance.objects.filter(client=client).order_by("received_on", "pk"),
            "history": history,
        },
        stylesheets=STYLESHEETS,
    )
