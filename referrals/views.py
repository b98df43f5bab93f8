from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

import audit
from audit.events import reachable_or_404, record_view
from clearance import services as clearance_services
from clearance.status import care_status
from clients.selectors import clients_for_user, get_client_for_user
from printing.pdf import pdf_response
from referrals import services
from referrals.files import LetterFileUnreadable
from referrals.forms import ClearanceForm, LetterForm, MarkSentForm
from referrals.models import ReferralLetter


def _get_letter_for_user(request, pk):
    """A letter of a client the user may reach for clinical content (clients_for_user: the
    therapist's own, the owner's practice, never the front desk); anyone else gets a 404."""
    letter = reachable_or_404(
        ReferralLetter.objects.select_related(
            "client", "author__therapist__practice", "corrects"
        ).filter(client__in=clients_for_user(request.user)),
        pk=pk,
    )
    record_view(letter)
    return letter


def _error_text(error):
    return " ".join(error.messages)


@login_required
@require_POST
def letter_create(request, client_pk):
    client = get_client_for_user(request.user, client_pk)
    if client.is_archived:
        messages.error(
            request, f"{client.full_name} is archived. Restore them to write a referral letter."
        )
        return redirect(client)
    draft = ReferralLetter.objects.filter(client=client, status=ReferralLetter.Status.DRAFT).first()
    if draft is not None:
        messages.info(request, "This client already has a draft letter; here it is.")
        return redirect("referrals:letter-edit", draft.pk)
    started = timezone.now()
    letter = services.letter_create_draft(client=client, author=request.user)
    if letter.created_at < started:
        # Another post (a double click) wrote the draft first; this one lands on it.
        messages.info(request, "This client already has a draft letter; here it is.")
    else:
        messages.success(request, "A draft letter was written from the client's record. Check it.")
    return redirect("referrals:letter-edit", letter.pk)


@login_required
def letter_detail(request, pk):
    letter = _get_letter_for_user(request, pk)
    correction = ReferralLetter.objects.filter(corrects=letter).first()
    return render(
        request,
        "referrals/letter_detail.html",
        {
            "letter": letter,
            "client": letter.client,
            "correction": correction,
            "replies": [
                reply.clearance
                for reply in letter.replies.select_related("clearance").order_by(
                    "-clearance__recorded_at"
                )
            ],
        },
    )


@login_required
def letter_edit(request, pk):
    letter = _get_letter_for_user(request, pk)
    if letter.is_final:
        messages.error(request, "A final letter cannot be edited. Write a corrected version.")
        return redirect(letter)
    form = LetterForm(request.POST or None, instance=letter)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_update_draft(letter=letter, data=form.cleaned_data)
        except services.LetterIsFinal:
            messages.error(
                request,
                "This letter was finalised before your changes were saved, so they are not "
                "in it. Write a corrected version to change it.",
            )
            return redirect(letter)
        if "finalise" in request.POST:
            return _finalise(request, letter)
        messages.success(request, "The draft was saved.")
        return redirect(letter)
    return render(
        request,
        "referrals/letter_form.html",
        {"form": form, "letter": letter, "client": letter.client},
    )


def _finalise(request, letter):
    try:
        letter = services.letter_finalise(letter=letter)
    except services.LetterIsFinal:
        messages.info(request, "This letter is already final.")
        return redirect(letter)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("referrals:letter-edit", letter.pk)
    messages.success(request, "The letter is final. Its PDF is stored exactly as it will be sent.")
    return redirect(letter)


@login_required
@require_POST
def letter_finalise(request, pk):
    letter = _get_letter_for_user(request, pk)
    if letter.is_final:
        messages.info(request, "This letter is already final.")
        return redirect(letter)
    return _finalise(request, letter)


@login_required
def letter_preview(request, pk):
    """A draft as it would print, marked DRAFT; a final letter is always its stored PDF."""
    letter = _get_letter_for_user(request, pk)
    if letter.is_final:
        return redirect("referrals:letter-pdf", letter.pk)
    data = services.letter_render_preview(letter=letter)
    audit.record(request, action="pdf", obj=letter)
    return pdf_response(data, "DRAFT-" + letter.pdf_filename())


@login_required
def letter_pdf(request, pk):
    """The stored bytes of a final letter, never a new rendering."""
    letter = _get_letter_for_user(request, pk)
    if not letter.is_final:
        raise Http404("A draft has no final PDF yet.")
    etag = f'"{letter.pdf_sha256}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    try:
        data = letter.pdf_bytes()
    except LetterFileUnreadable:
        return letter_file_unreadable(request, letter=letter)
    audit.record(request, action="pdf", obj=letter)
    return pdf_response(data, letter.pdf_filename(), etag=letter.pdf_sha256)


def letter_file_unreadable(request, *, letter=None, client=None):
    """503: a stored letter is missing or changed (logged by referrals.files); never served."""
    return render(
        request,
        "referrals/letter_file_unreadable.html",
        {"letter": letter, "client": client or letter.client},
        status=503,
    )


@login_required
def letter_mark_sent(request, pk):
    letter = _get_letter_for_user(request, pk)
    if letter.status != ReferralLetter.Status.FINAL:
        messages.info(request, "Only a final letter that has not been sent can be marked sent.")
        return redirect(letter)
    initial = {"sent_on": timezone.localdate()}
    if letter.carried_by_client:
        initial["sent_via"] = ReferralLetter.SentVia.CLIENT
    form = MarkSentForm(request.POST or None, letter=letter, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_mark_sent(letter=letter, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The letter is marked as sent.")
            return redirect(letter)
    return render(
        request,
        "referrals/mark_sent.html",
        {"form": form, "letter": letter, "client": letter.client},
    )


@login_required
@require_POST
def letter_correct(request, pk):
    letter = _get_letter_for_user(request, pk)
    try:
        correction = services.letter_correct(letter=letter, author=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(letter)
    messages.success(
        request,
        f"Version {correction.version} is a draft copied from version {letter.version}. "
        "The earlier letter is superseded when you finalise this one.",
    )
    return redirect("referrals:letter-edit", correction.pk)


@login_required
@require_POST
def letter_delete(request, pk):
    letter = _get_letter_for_user(request, pk)
    client = letter.client
    try:
        services.letter_delete_draft(letter=letter)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(letter)
    messages.success(request, "The draft letter was deleted.")
    return redirect(client)


def _clearance_page(request, client, letter=None):
    initial = {
        "received_on": timezone.localdate(),
        "physician_name": letter.physician_name if letter else client.physician_name,
    }
    form = ClearanceForm(
        request.POST or None,
        initial=initial,
        earliest=letter.sent_on if letter else None,
        neck_flags=care_status(client).neck_ban,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if letter is None:
                clearance_services.clearance_record(
                    client=client, recorded_by=request.user, **form.cleaned_data
                )
            else:
                services.letter_record_reply(
                    letter=letter, recorded_by=request.user, **form.cleaned_data
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The physician's answer was recorded.")
            return redirect(letter or client)
    return render(
        request,
        "referrals/clearance_form.html",
        {"form": form, "letter": letter, "client": client},
    )


@login_required
def letter_reply(request, pk):
    letter = _get_letter_for_user(request, pk)
    if letter.status not in (ReferralLetter.Status.SENT, ReferralLetter.Status.REPLIED):
        messages.info(request, "Mark the letter as sent before recording the physician's reply.")
        return redirect(letter)
    return _clearance_page(request, letter.client, letter)


@login_required
def clearance_record(request, client_pk):
    client = get_client_for_user(request.user, client_pk)
    return _clearance_page(request, client)
