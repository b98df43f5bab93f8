"""The therapist's side of the intake: create and send links, review what came back."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from audit.events import reachable_or_404, record_view
from clients import submission
from clients.selectors import clients_for_user, get_client_for_user, is_front_desk
from intake import pain_map, services
from intake.emails import intake_url
from intake.models import Intake
from intake.review import (
    EMERGENCY_ADVICE,
    asks_for_review,
    complaint_summary,
    flags_for_review,
    pain_areas,
    preferences,
    questionnaire,
)
from intake.staff_forms import InPersonAnswersForm, LinkOptionsForm, NewClientLinkForm
from screening.rules import RULES_VERSION, rules_by_tier


def _get_intake_for_user(request, pk, *, clinical=True):
    """An intake of a client the user may reach (clients_for_user); anyone else gets a 404.
    The front desk reaches an intake only as a link (clinical=False), never its answers."""
    intake = reachable_or_404(
        Intake.objects.select_related("client", "reviewed_by").filter(
            client__in=clients_for_user(request.user, clinical=clinical)
        ),
        pk=pk,
    )
    record_view(intake)
    return intake


def _link_created(request, intake, token, send_email):
    """The one page that shows the link: the token is not stored, so it cannot be shown again."""
    if send_email and intake.sent_at is None:
        messages.warning(
            request,
            "The email could not be sent. Copy the link below and send it another way.",
        )
    response = render(
        request,
        "intake/link_created.html",
        {"intake": intake, "client": intake.client, "url": intake_url(token)},
    )
    # The page holds a live link: no browser or proxy should keep a copy.
    add_never_cache_headers(response)
    return response


def _link_again(request, form):
    """The same "Create link" form posted again (a double click, back and resubmit): the
    answer is the link the first post made, never a second one."""
    earlier = services.intake_link_for_key(
        therapist=request.user, submission_key=form.cleaned_data["submission_key"]
    )
    if earlier is None:
        return None
    intake, token = earlier
    if not intake.is_open:
        messages.info(request, "This form already made a link, which is now used or cancelled.")
        return redirect(intake.client)
    messages.info(request, "This link was already made by this form; here it is again.")
    return _link_created(request, intake, token, send_email=False)


@login_required
def link_create(request):
    """From the dashboard: add a new client and create their first intake link."""
    if is_front_desk(request.user):
        raise PermissionDenied("A therapist or the practice owner adds clients.")
    form = NewClientLinkForm(request.POST or None, initial=submission.initial())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        again = _link_again(request, form)
        if again is not None:
            return again
        try:
            intake, token = services.intake_link_create_for_new_client(
                therapist=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                lifetime=timedelta(days=data["days"]),
                send_email=data["send_email"],
                submission_key=data["submission_key"],
            )
        except submission.KeyTaken as error:
            form.add_error(None, error)
            return render(
                request, "intake/link_form.html", {"form": form, "client": None}, status=400
            )
        return _link_created(request, intake, token, data["send_email"])
    return render(request, "intake/link_form.html", {"form": form, "client": None})


@login_required
def client_link_create(request, client_pk):
    """From the client page: a new intake link for an existing client."""
    client = get_client_for_user(request.user, client_pk, clinical=False)
    if client.is_archived:
        messages.error(request, f"{client.full_name} is archived. Restore them to send a link.")
        return redirect(client)
    initial = {"email": client.email, "send_email": bool(client.email), **submission.initial()}
    form = LinkOptionsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        again = _link_again(request, form)
        if again is not None:
            return again
        try:
            intake, token = services.intake_link_create(
                therapist=request.user,
                client=client,
                email=data["email"],
                lifetime=timedelta(days=data["days"]),
                send_email=data["send_email"],
                submission_key=data["submission_key"],
            )
        except submission.KeyTaken as error:
            messages.error(request, " ".join(error.messages))
            return redirect(client)
        return _link_created(request, intake, token, data["send_email"])
    open_links = client.intakes.filter(submitted_at__isnull=True).order_by("-created_at")
    open_links = [intake for intake in open_links if intake.is_open]
    return render(
        request,
        "intake/link_form.html",
        {"form": form, "client": client, "open_links": open_links},
    )


def _after_link_action(request, intake):
    if is_front_desk(request.user):
        return redirect("clients:client-update", intake.client_id)
    return redirect(intake.client)


@login_required
@require_POST
def link_resend(request, pk):
    """ "Resend": the same form under a fresh link (what the client typed is kept; the old
    link stops working), emailed to the client's address when there is one."""
    intake = _get_intake_for_user(request, pk, clinical=False)
    email = intake.client.email
    try:
        intake, token = services.intake_link_resend(
            intake=intake, email=email, send_email=bool(email)
        )
    except ValueError:
        messages.info(request, "This link was submitted or cancelled: create a new link instead.")
        return _after_link_action(request, intake)
    messages.info(
        request,
        "The link was sent again with a new address; the old one no longer works. "
        "What the client had typed is kept.",
    )
    return _link_created(request, intake, token, send_email=bool(email))


@login_required
@require_POST
def link_cancel(request, pk):
    intake = _get_intake_for_user(request, pk, clinical=False)
    if intake.is_open:
        services.intake_link_cancel(intake=intake)
        messages.success(request, "The link was cancelled. It no longer opens the form.")
    return _after_link_action(request, intake)


@login_required
def intake_review(request, pk):
    intake = _get_intake_for_user(request, pk)
    screenings = list(intake.screenings.select_related("created_by"))
    newest_first = sorted(screenings, key=lambda s: (s.created_at, s.pk), reverse=True)
    counted = next((s for s in newest_first if not s.is_rescreen), None)
    rescreens = [s for s in newest_first if s.is_rescreen]
    answers = intake.answers or {}
    context = {
        "intake": intake,
        "client": intake.client,
        # The screening that counts: the original, or the latest after answers in person.
        "screening": counted,
        "flags": flags_for_review(counted, answers),
        "asks": asks_for_review(counted),
        "in_person_answers": intake.in_person_answers.select_related("asked_by"),
        "rescreens": [(s, flags_for_review(s, answers)) for s in rescreens],
        "sections": questionnaire(answers),
        "complaint": complaint_summary(answers),
        "preferences": preferences(answers),
        "pain_areas": pain_areas(answers),
        "marked_areas": [area for area, _ in pain_areas(answers)],
        "pain_map_views": pain_map.VIEWS,
        "emergency_advice": EMERGENCY_ADVICE,
        "rules_version": RULES_VERSION,
        "rescreen_form": submission.SubmissionKeyForm(initial=submission.initial()),
    }
    return render(request, "intake/review.html", context)


@login_required
@require_POST
def intake_acknowledge(request, pk):
    intake = _get_intake_for_user(request, pk)
    if not intake.is_submitted:
        messages.error(request, "The client has not submitted this intake yet.")
        return redirect(intake)
    services.intake_review_acknowledge(intake=intake, by=request.user)
    messages.success(request, f"The intake of {intake.client.full_name} is marked as reviewed.")
    return redirect(intake)


@login_required
@require_POST
def intake_rescreen(request, pk):
    intake = _get_intake_for_user(request, pk)
    if not intake.is_submitted:
        messages.error(request, "The client has not submitted this intake yet.")
        return redirect(intake)
    form = submission.SubmissionKeyForm(request.POST)
    form.is_valid()  # a malformed key only means no deduplication
    try:
        rescreen = services.intake_rescreen(
            intake=intake, by=request.user, submission_key=form.cleaned_data["submission_key"]
        )
    except submission.KeyTaken as error:
        messages.error(request, " ".join(error.messages))
        return redirect(intake)
    messages.success(
        request,
        f"Rescreened with rules {rescreen.rules_version}: {rescreen.get_tier_display()}. "
        "The original screening is kept.",
    )
    return redirect(intake)


@login_required
def in_person_answers(request, pk):
    """The questions the intake's screening asks in person, each with Yes/No: saving records
    the answers and screens the intake again with them."""
    intake = _get_intake_for_user(request, pk)
    if not intake.is_submitted:
        messages.error(request, "The client has not submitted this intake yet.")
        return redirect(intake.client)
    screening = intake.effective_screening
    questions = services.in_person_questions(screening)
    posted = request.POST if request.method == "POST" else None  # an empty post is an answer
    form = InPersonAnswersForm(posted, questions=questions, initial=submission.initial())
    if request.method == "POST" and form.is_valid():
        try:
            rescreened = services.in_person_answers_record(
                intake=intake,
                answers=form.cleaned_data["answers"],
                by=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except (ValidationError, submission.KeyTaken) as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The answers given in person are recorded. The intake was screened again: "
                f"{rescreened.get_tier_display()}.",
            )
            return redirect(intake.client)
    return render(
        request,
        "intake/in_person.html",
        {"intake": intake, "client": intake.client, "screening": screening, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def rulebook(request):
    """Every screening rule, grouped by tier, most urgent first, for a clinician to review."""
    context = {"tiers": rules_by_tier(), "rules_version": RULES_VERSION}
    return render(request, "intake/rulebook.html", context)
