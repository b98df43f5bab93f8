"""Session notes: write a SOAP note, sign it, amend it, print or email the client's
self-care handout."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import slug_re
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

import audit
from audit.events import reachable_or_404, record_view
from clearance.status import care_status
from clients import submission
from clients.models import Practice
from clients.selectors import clients_for_user, get_client_for_user, therapist_profile
from intake import pain_map
from notes import services
from notes.complaint_map import AFTER_SESSION_ADVICE, SEE_A_PHYSICIAN, self_care_drawing
from notes.forms import PSFS, AmendmentForm, SessionNoteForm, initial_from_post
from notes.models import Complaint, SessionNote
from notes.selectors import intake_start, previous_note
from printing.pdf import pdf_response, render_pdf

logger = logging.getLogger(__name__)


def _get_note_for_user(request, pk):
    """A note of a client the user may reach for clinical content (clients_for_user: the
    therapist's own, the owner's practice, never the front desk); anyone else gets a 404."""
    note = reachable_or_404(
        SessionNote.objects.select_related("client", "therapist", "signed_by").filter(
            client__in=clients_for_user(request.user)
        ),
        pk=pk,
    )
    record_view(note)
    return note


def _suggestions(form, cautions):
    # The raw ticked values, valid or not: only those shaped like a complaint id reach the
    # query (PostgreSQL refuses NUL characters in text and would raise).
    ticked = [str(pk) for pk in (form["complaints"].value() or []) if slug_re.match(str(pk))]
    complaints = Complaint.objects.filter(pk__in=ticked).prefetch_related("techniques", "self_care")
    return services.suggestions_for(complaints, cautions)


def _reshown(request, cautions):
    """The form as typed, saving nothing: "Show suggestions" and "Apply suggestions" without
    JavaScript. Applying also ticks the suggested techniques and self-care; the excluded
    ones are never among them."""
    initial = initial_from_post(SessionNoteForm, request.POST)
    form = SessionNoteForm(initial=initial, cautions=cautions)
    if "apply" in request.POST:
        suggestions = _suggestions(form, cautions)
        for name, items in (
            ("techniques", suggestions.techniques),
            ("self_care", suggestions.self_care),
        ):
            initial[name] = list(dict.fromkeys([*initial[name], *(i.pk for i in items)]))
        form = SessionNoteForm(initial=initial, cautions=cautions)
    return form


def _saved(request, note):
    """After a save: sign too when the therapist chose "Save and sign"."""
    if "sign" not in request.POST:
        messages.success(request, "The note was saved as a draft. Sign it when it is final.")
        return redirect(note)
    services.note_sign(note=note, user=request.user)
    messages.success(request, "The note is saved and signed. Later changes are amendments.")
    return redirect(note)


def _render_form(request, form, client, cautions, note=None, status=200):
    start = intake_start(cautions)
    return render(
        request,
        "notes/note_form.html",
        {
            "form": form,
            "client": client,
            "note": note,
            "cautions": cautions,
            "suggestions": _suggestions(form, cautions),
            "note_map": services.map_for_page(cautions),
            "start": start,
            "check_first": start.check_first,
            "previous": previous_note(client, before=note),
            "pain_map_views": pain_map.VIEWS,
        },
        status=status,
    )


FROM_INTAKE = "the intake"
FROM_LAST_NOTE = "the last note"


def _starting_values(client, cautions):
    """A new note's initial values, where each came from, and why any was capped.

    The first note starts from the latest intake: the complaint in the client's words, the
    pain now, their goals as the first functional-scale activity and their pressure
    preference, capped by their cautions (services.starting_pressure). A later note carries
    the previous note's functional-scale activities over (its plan is shown beside the
    report), so the scale keeps rating the same activities.
    """
    initial = {"session_date": timezone.localdate(), "duration_minutes": 60}
    prefilled = {}
    previous = previous_note(client)
    if previous is not None:
        for activity, _ in PSFS:
            if getattr(previous, activity):
                initial[activity] = getattr(previous, activity)
                prefilled[activity] = FROM_LAST_NOTE
        return initial, prefilled, {}
    answers = intake_start(cautions).answers
    pressure = services.starting_pressure(answers.get("pressure_preference"), cautions)
    values = {
        "subjective": answers.get("main_complaint"),
        "pain_before": answers.get("pain_now"),
        "psfs_activity_1": answers.get("goals"),
        "pressure": pressure.value,
    }
    if isinstance(values["psfs_activity_1"], str):
        values["psfs_activity_1"] = values["psfs_activity_1"].strip()[:120]
    for name, value in values.items():
        if value not in (None, ""):
            initial[name] = value
            prefilled[name] = FROM_INTAKE
    return initial, prefilled, {"pressure": pressure.message} if pressure.capped_by else {}


def _blocked(request, client, cautions):
    return render(
        request,
        "notes/note_blocked.html",
        {"client": client, "cautions": cautions},
        status=403,
    )


@login_required
def note_create(request, pk):
    client = get_client_for_user(request.user, pk)
    if client.is_archived:
        messages.error(
            request, f"{client.full_name} is archived. Restore them to write a session note."
        )
        return redirect(client)
    cautions = care_status(client)
    if cautions.blocks_new_notes:
        return _blocked(request, client, cautions)
    if request.method == "POST" and ("suggest" in request.POST or "apply" in request.POST):
        return _render_form(request, _reshown(request, cautions), client, cautions)
    if request.method == "POST":
        form = SessionNoteForm(request.POST, cautions=cautions)
    else:
        initial, prefilled, capped = _starting_values(client, cautions)
        initial.update(submission.initial())
        form = SessionNoteForm(
            initial=initial, prefilled=prefilled, capped=capped, cautions=cautions
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop(submission.FIELD_NAME)
        try:
            note = services.note_create(
                client=client, therapist=request.user, data=data, submission_key=key
            )
        except (services.NoScreeningYet, services.ClearanceNeeded, services.AskInPersonFirst):
            return _blocked(request, client, care_status(client))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, note)
    return _render_form(request, form, client, cautions)


@login_required
def note_detail(request, pk):
    note = _get_note_for_user(request, pk)
    return render(
        request,
        "notes/note_detail.html",
        {
            "note": note,
            "client": note.client,
            "cautions": care_status(note.client),
            "amendments": note.amendments.select_related("author"),
            "amendment_form": AmendmentForm(initial=submission.initial())
            if note.is_signed
            else None,
        },
    )


@login_required
def note_update(request, pk):
    note = _get_note_for_user(request, pk)
    if note.is_signed:
        messages.error(request, "This note is signed and cannot be edited; add an amendment.")
        return redirect(note)
    client = note.client
    cautions = care_status(client)
    if request.method == "POST" and ("suggest" in request.POST or "apply" in request.POST):
        return _render_form(request, _reshown(request, cautions), client, cautions, note=note)
    form = SessionNoteForm(request.POST or None, instance=note, cautions=cautions)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data.pop(submission.FIELD_NAME, None)
            note = services.note_update(note=note, data=data)
        except services.NoteIsSigned:
            messages.error(request, "This note is signed and cannot be edited; add an amendment.")
            return redirect(note)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "sign" in request.POST:
                return _saved(request, note)
            messages.success(request, "The draft was saved.")
            return redirect(note)
    return _render_form(request, form, client, cautions, note=note)


@login_required
@require_POST
def note_sign(request, pk):
    note = _get_note_for_user(request, pk)
    try:
        services.note_sign(note=note, user=request.user)
    except services.NoteIsSigned:
        messages.info(request, "This note was already signed.")
    else:
        messages.success(request, "The note is signed. Later changes are added as amendments.")
    return redirect(note)


@login_required
def note_amend(request, pk):
    note = _get_note_for_user(request, pk)
    if not note.is_signed:
        messages.info(request, "This note is still a draft: edit it directly.")
        return redirect("notes:note-update", pk=note.pk)
    form = AmendmentForm(request.POST or None, initial=submission.initial())
    if request.method == "POST" and form.is_valid():
        try:
            services.note_amend(note=note, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(note)
        messages.success(request, "The amendment was added; the signed note is unchanged.")
        return redirect(note)
    return render(
        request,
        "notes/note_amend.html",
        {"note": note, "client": note.client, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _letterhead(note):
    """The note's therapist profile and the practice whose letterhead the handout carries."""
    therapist = therapist_profile(note.therapist)
    practice = therapist.practice if therapist else Practice.objects.order_by("pk").first()
    return therapist, practice


# The letter's look, then the handout's own; parsed once and reused by every render.
HANDOUT_STYLESHEETS = ("css/letter.css", "css/handout.css")


def _handout_self_care(note):
    """The note's self-care the client's cautions allow today: the service refuses an excluded
    item, and this keeps one out of an older note's handout too (a note written before the
    item was restricted, or before the caution)."""
    cautions = care_status(note.client)
    return [item for item in note.self_care.all() if cautions.exclusion_for(item) is None]


def _handout(request, note):
    """The self-care handout's PDF bytes and file name."""
    therapist, practice = _letterhead(note)
    pdf = render_pdf(
        "notes/handout_pdf.html",
        {
            "note": note,
            "client": note.client,
            "practice": practice,
            "therapist": therapist,
            "self_care": [(item, self_care_drawing(item.pk)) for item in _handout_self_care(note)],
            "advice": AFTER_SESSION_ADVICE,
            "see_a_physician": SEE_A_PHYSICIAN,
        },
        request=request,
        stylesheets=HANDOUT_STYLESHEETS,
    )
    return pdf, f"self-care-{note.client.file_name_part}-{note.session_date.isoformat()}.pdf"


@login_required
def handout_pdf(request, pk):
    note = _get_note_for_user(request, pk)
    pdf, filename = _handout(request, note)
    audit.record(request, action="pdf", obj=note)
    return pdf_response(pdf, filename)


@login_required
@require_POST
def handout_email(request, pk):
    """Email the handout to the client as a PDF attachment.

    Email is not a private channel: the message itself says only that the sheet is attached;
    what the client should do is in the PDF.
    """
    note = _get_note_for_user(request, pk)
    client = note.client
    if not client.email:
        messages.error(
            request, f"{client.full_name} has no email address: add one to email the handout."
        )
        return redirect(note)
    pdf, filename = _handout(request, note)
    therapist, practice = _letterhead(note)
    practice_name = practice.name if practice else ""
    sender = therapist.display_name if therapist else ""
    body = "\n".join(
        [
            f"Hello {client.preferred_name or client.first_name},",
            "",
            "Your self-care sheet is attached.",
            "",
            *[line for line in (sender, practice_name) if line],
        ]
    )
    message = EmailMessage(
        f"Your self-care sheet from {practice_name}" if practice_name else "Your self-care sheet",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [client.email],
        # Replies go to the practice, not to the sending address (often a no-reply box).
        reply_to=[practice.email] if practice and practice.email else None,
    )
    message.attach(filename, bytes(pdf), "application/pdf")
    try:
        message.send()
    except OSError:  # smtplib's errors are OSErrors too: refused, timed out, unreachable
        logger.warning("The self-care handout of note %s could not be emailed", note.pk)
        messages.error(
            request,
            "The email could not be sent. Try again later, or download the handout and give "
            "it to the client another way.",
        )
    else:
        audit.record(request, action="export", obj=note)
        messages.success(request, f"The self-care handout was emailed to {client.email}.")
    return redirect(note)
