"""The client's side of the intake: the questionnaire behind a private link, no account.

The link's token is the only credential: it is hashed and looked up by its hash, so the
database never holds a usable link. A wrong, expired or used link gets a plain page that
names no one. Every section is saved on the server when the client moves on, so a closed
tab or a dropped connection loses nothing, and every page works without JavaScript.
"""

import functools

from django.contrib import messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from clients.models import Therapist
from clients.selectors import therapist_profile
from config.outage import DATABASE_ERRORS, log_outage, unavailable_response
from intake import pain_map, services
from intake.answer_types import answer_type
from intake.forms import ChangesForm, ConsentForm, SectionForm
from intake.models import Intake, IntakeKind, hash_token
from intake.returning import (
    CARRIED_OVER,
    CHANGES,
    CHANGES_SECTION,
    ON_CHANGES_PAGE,
    UPDATE_GROUPS,
    UPDATE_VISIT_QUESTION,
    initial_from,
    last_answers,
    update_about,
    update_base_answers,
)
from intake.review import NOT_SURE_WORDS, answer_in_words
from screening.questions import (
    QUESTIONS,
    SECTION_BY_ID,
    SECTIONS,
    questions_in_section,
)
from screening.tiers import EMERGENCY, REFER

SECTION_IDS = [section.id for section in SECTIONS]
LAST_SECTION = SECTION_IDS[-1]  # consent: the review and the signature (of either kind)
# Every page of either kind of form (the health update's first page is its own).
PAGES = {**SECTION_BY_ID, CHANGES: CHANGES_SECTION}
CHANGES_FIELDS = (
    *(name for group in UPDATE_GROUPS for name in (group.choice_name, *group.questions)),
    UPDATE_VISIT_QUESTION,
)
MAX_TOKEN_LENGTH = 100
MAX_TYPED_LENGTH = 10_000  # longer than any answer may be; keeps junk out of the draft
SESSION_KEY = "intake_submitted"  # intakes this browser sent, for the thank-you page
CHECK = "check"  # query flag: show the messages of a page the client has not finished


def public_page(view):
    """Headers for every page a client opens from a link: nothing cached, no referrer.

    The token is in the URL, so a shared computer's history or another site's logs must not
    keep pages or the address.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _intake_for_token(token):
    """The intake a link opens, or None. Only the hash is compared, never the token itself.

    A posted step reads its link locked instead, in intake.services.intake_save_step."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    rows = Intake.objects.select_related("client", "therapist__therapist__practice")
    # The hash is unique: one row, so no ORDER BY (the model's ordering, or first()'s).
    return next(iter(rows.filter(token_hash=hash_token(token)).order_by()[:1]), None)


def _practice_name(intake):
    profile = therapist_profile(intake.therapist)
    return profile.practice.name if profile else ""


def _unavailable(request, intake=None):
    """The plain page for a link that does not open a form; it shows no client data."""
    if intake is None:
        reason, status = "wrong", 404
    elif intake.is_submitted:
        reason, status = "used", 410
    else:
        reason, status = "expired", 410
    context = {
        "reason": reason,
        "practice_name": _practice_name(intake) if intake else "",
        "link_path": _link_path(request),
    }
    return render(request, "intake/public/link_unavailable.html", context, status=status)


def _link_path(request):
    """The link's own path, under which the browser keeps unsent copies of each step."""
    token = request.resolver_match.kwargs.get("token") if request.resolver_match else None
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return ""
    return reverse("intake:form", kwargs={"token": token})


def _typed(request, section_id):
    """What the client typed in one section, as typed, for the draft."""
    if section_id == CHANGES:
        return {name: _tidy(request.POST[name]) for name in CHANGES_FIELDS if name in request.POST}
    typed = {}
    for question in questions_in_section(section_id):
        if answer_type(question).many:
            values = request.POST.getlist(question.id)[:50]
            typed[question.id] = [_tidy(value) for value in values]
        elif question.id in request.POST:
            typed[question.id] = _tidy(request.POST.get(question.id))
    return typed


def _tidy(value):
    # PostgreSQL's JSON cannot hold NUL characters; the form still rejects what it sees.
    return value[:MAX_TYPED_LENGTH].replace("\x00", "\ufffd")


def _name_answers(intake):
    if intake.kind == IntakeKind.UPDATE:
        # The update does not ask the name: the signature must be the name on the record.
        return {"first_name": intake.client.first_name, "last_name": intake.client.last_name}
    about = intake.draft_answers.get("about", {})
    return {key: str(about.get(key, "")).strip() for key in ("first_name", "last_name")}


def _draft(intake, section_id):
    """What the client typed on one page, or None if nothing.

    A link opened before the screening was split into themed pages has its answers under
    the old page ids ("screening", and "history" for the medicines); the answers to this
    page's questions are taken from wherever they were typed, so nothing typed is lost.
    """
    draft = intake.draft_answers or {}
    if section_id in draft or section_id == CHANGES:
        return draft.get(section_id)
    ids = {question.id for question in questions_in_section(section_id)}
    found = {}
    for typed in draft.values():
        if isinstance(typed, dict):
            for key, value in typed.items():
                if key in ids:
                    found.setdefault(key, value)
    return found or None


def _section_form(intake, section_id, data=None, check=False):
    """The form of one section: bound to what the client typed before, if anything.

    With `check` (the client was sent back to a page they had not finished) the form is
    bound even with nothing typed, so each unanswered question shows its message.
    """
    section = PAGES[section_id]
    typed_before = None
    if data is None:
        data = _draft(intake, section_id)
        if data is None and check:
            data = {}
        elif data is not None and not check and section_id not in intake.sections_done:
            # A page left with "Back" before it was finished: what was typed comes back, but
            # no message by every question; those come only after "Save and continue".
            typed_before, data = data, None
    if intake.kind == IntakeKind.UPDATE:
        return _update_form(intake, section, data if typed_before is None else typed_before)
    initial, carried_over = {}, False
    if data is None and typed_before is None:
        # A returning client starts from their last answers (contact details, physician,
        # history, medicines); screening questions are asked afresh, so a page of them
        # reads nothing.
        ids = [q.id for q in questions_in_section(section_id) if q.id in CARRIED_OVER]
        initial = initial_from(_last_answers(intake), ids) if ids else {}
        carried_over = bool(initial)
    if section_id == "about" and data is None:
        # What the record holds, as the therapist typed or last corrected it: the name, and
        # the email and phone (contact details, never health); newer than the last answers.
        # Only for a page shown unbound: a posted page shows what was posted.
        client = intake.client
        known = {"first_name": client.first_name, "last_name": client.last_name}
        known |= {key: getattr(client, key) for key in ("email", "phone") if getattr(client, key)}
        initial = initial | known
    if typed_before is not None:
        initial |= typed_before
    if section_id == LAST_SECTION:
        form = ConsentForm(
            data, section=section, initial=initial, name_answers=_name_answers(intake)
        )
    else:
        about = (intake.draft_answers or {}).get("about") if section_id != "about" else None
        form = SectionForm(data, section=section, initial=initial, about=about)
    form.carried_over = carried_over
    return form


def _last_answers(intake):
    """The client's last submitted answers, read once per request: the last page builds
    every page's form, and a page not yet typed in starts from them."""
    if not hasattr(intake, "_last_answers"):
        intake._last_answers = last_answers(intake).get("answers", {})
    return intake._last_answers


def _previous_answers(intake):
    """The last submitted answers, read once per request (a page builds several forms)."""
    if not hasattr(intake, "_previous_answers"):
        previous = _last_answers(intake)
        if intake.kind == IntakeKind.UPDATE:
            # What is on file is the record (staff may have corrected a phone number since).
            client = intake.client
            previous = {**previous, **{q: getattr(client, q) for q in ON_CHANGES_PAGE}}
        intake._previous_answers = previous
    return intake._previous_answers


def _update_form(intake, section, data):
    """A page of the health update: what is on file to confirm or change, then every
    screening page asked afresh (nothing carried over), then consent."""
    previous = _previous_answers(intake)
    if section.id == CHANGES:
        return ChangesForm(
            data,
            section=section,
            previous=previous,
            groups=UPDATE_GROUPS,
            visit_question=UPDATE_VISIT_QUESTION,
        )
    if section.id == LAST_SECTION:
        return ConsentForm(data, section=section, name_answers=_name_answers(intake))
    about = update_about(intake, previous)
    return SectionForm(data, section=section, about=about, exclude=ON_CHANGES_PAGE)


def _neighbours(intake, section_id):
    ids = intake.section_ids
    index = ids.index(section_id)
    previous = ids[index - 1] if index > 0 else None
    following = ids[index + 1] if index + 1 < len(ids) else None
    return previous, following


def _first_unfinished(intake):
    return next((s for s in intake.section_ids if s not in intake.sections_done), LAST_SECTION)


def _review(intake):
    """What the client has answered so far, section by section, for the last step."""
    sections = []
    for section_id in intake.section_ids[:-1]:
        form = _section_form(intake, section_id)
        done = section_id in intake.sections_done and form.is_bound and form.is_valid()
        answers = []
        if done and section_id == CHANGES:
            answers = form.review()
        elif done:
            not_sure = form.not_sure_ids()
            for key, value in form.cleaned_data.items():
                if value not in (None, "", []):
                    question = QUESTIONS[key]
                    shown = NOT_SURE_WORDS if key in not_sure else answer_in_words(question, value)
                    answers.append((question.label, shown))
        sections.append({"section": PAGES[section_id], "done": done, "answers": answers})
    return sections


def _all_answers(intake):
    """(answers, first section that is not finished) from the saved sections."""
    answers = {}
    if intake.kind == IntakeKind.UPDATE:
        answers = update_base_answers(intake, _previous_answers(intake))
    not_sure = []
    for section_id in intake.section_ids:
        form = _section_form(intake, section_id)
        if section_id not in intake.sections_done or not form.is_bound or not form.is_valid():
            return None, section_id
        page = form.answers()
        not_sure.extend(page.pop("not_sure", []))
        answers.update(page)
    if not_sure:
        answers["not_sure"] = not_sure
    return answers, None


def _section_url(token, section_id):
    return reverse("intake:form-section", kwargs={"token": token, "section": section_id})


@public_page
@require_http_methods(["GET", "HEAD"])
def intake_start(request, token):
    """The link itself: resume at the first section not yet finished."""
    intake = _intake_for_token(token)
    if intake is None or not intake.is_open:
        return _unavailable(request, intake)
    # Recorded as opened by the page it leads to (one UPDATE per page shown).
    return redirect(_section_url(token, _first_unfinished(intake)))


def _outage(request, section):
    """The database is down: show the client what they typed and let them send it again.

    Re-rendered from the request alone (nothing is read from the database), with a "Try
    again" button that posts the same answers to the same step.
    """
    typed = _typed(request, section) if section in PAGES else {}
    shown, hidden = [], []
    if section == CHANGES:
        # The update's first page: each answer as typed ("yes" is "Change").
        hidden = list(typed.items())
        choices = {"yes": "Change", "no": "No changes"}
        shown = [
            (QUESTIONS[name].label, value)
            if name in QUESTIONS
            else (name.split("_")[0].title(), choices.get(value, value))
            for name, value in typed.items()
            if value
        ]
    for question in questions_in_section(section) if typed and section != CHANGES else ():
        if question.id not in typed:
            continue
        kind = answer_type(question)
        values = typed[question.id] if kind.many else [typed[question.id]]
        hidden.extend((question.id, value) for value in values)
        labels = [kind.typed_in_words(question, value) for value in values]
        shown.append((question.label, ", ".join(str(label) for label in labels if label)))
    action = request.POST.get("action", "next")
    html = render_to_string(
        "intake/public/outage.html",
        {
            "answers": shown,
            "hidden": hidden,
            "action": action if action in ("next", "back") else "next",
            "post_url": request.path,
            "csrf_token": get_token(request),
        },
    )
    return unavailable_response(html)


def calm_outage(view):
    """A step posted while the database is unreachable keeps what the client typed."""

    @functools.wraps(view)
    def wrapper(request, token, section):
        try:
            return view(request, token, section)
        except DATABASE_ERRORS as error:
            if request.method != "POST":
                raise
            log_outage(error)
            return _outage(request, section)

    return wrapper


@public_page
@calm_outage
@require_http_methods(["GET", "HEAD", "POST"])
def intake_section(request, token, section):
    if request.method == "POST":
        return _post_section(request, token, section)
    intake = _intake_for_token(token)
    if intake is None or not intake.is_open:
        return _unavailable(request, intake)
    if section not in intake.section_ids:
        return _unavailable(request)
    if request.method == "GET":
        services.intake_opened(intake=intake)
    check = CHECK in request.GET and section not in intake.sections_done
    form = _section_form(intake, section, check=check)
    return _render_section(request, token, intake, section, form)


def _post_section(request, token, section):
    """Save one step and go on; the last step also sends the form.

    intake.services.intake_save_step reads the link's row once, locked, and checks this page
    (with _section_form), saves it and (last step) sends every page's answers under that one
    lock. The page is rendered after the transaction, so the lock is not held while the HTML
    is written.
    """
    if len(token) > MAX_TOKEN_LENGTH:
        return _unavailable(request)
    forms = {}

    def check(intake):
        forms["page"] = _section_form(intake, section, data=request.POST)
        return forms["page"].is_valid()

    back = request.POST.get("action") == "back"
    try:
        step = services.intake_save_step(
            token=token,
            section=section,
            typed=_typed(request, section),
            check=check,
            answers=_all_answers,
            send=not back,
            on_date=timezone.localdate(),
        )
    except services.IntakeClosedError:
        # Closed between the check and the write (where no row lock exists to stop it).
        return _unavailable(request, Intake.objects.get(token_hash=hash_token(token)))
    intake, outcome = step.intake, step.outcome
    if outcome == services.StepOutcome.CLOSED:
        in_form = intake is not None and intake.is_open
        return _unavailable(request, None if in_form else intake)
    if back:
        previous, _ = _neighbours(intake, section)
        return redirect(_section_url(token, previous or section))
    if outcome == services.StepOutcome.UNFINISHED:
        messages.warning(
            request,
            f"Please finish \u201c{PAGES[step.unfinished].title}\u201d before you send the form.",
        )
        # Back to the page, with the message by each question still to answer.
        return redirect(f"{_section_url(token, step.unfinished)}?{CHECK}")
    if outcome == services.StepOutcome.REFUSED:
        # The forms check everything the service does; this is a last line of defence, so
        # the client still sees a message by the field instead of an error page.
        form = forms["page"]
        for key, message in step.errors.items():
            field = key if key in form.fields else None
            form.add_error(field, f"Please check your answers: {message}")
        return _render_section(request, token, intake, LAST_SECTION, form)
    if outcome == services.StepOutcome.SUBMITTED:
        submitted = set(request.session.get(SESSION_KEY, []))
        request.session[SESSION_KEY] = sorted(submitted | {intake.pk})
        return redirect("intake:thanks", token=token)
    if not step.done:
        return _render_section(request, token, intake, section, forms["page"])
    _, following = _neighbours(intake, section)
    return redirect(_section_url(token, following))


def _render_section(request, token, intake, section_id, form):
    previous, following = _neighbours(intake, section_id)
    ids = intake.section_ids
    step = ids.index(section_id) + 1
    context = {
        "practice_name": _practice_name(intake),
        "therapist_name": _therapist_name(intake),
        # Named only in the first page's introduction: no query on the other pages.
        "owner_names": _owner_names(intake) if step == 1 else [],
        "first_name": intake.client.preferred_name or intake.client.first_name,
        "expires_at": intake.expires_at,
        "token": token,
        "form": form,
        "section": PAGES[section_id],
        "is_screening": PAGES[section_id].screening,
        "is_update": intake.kind == IntakeKind.UPDATE,
        "step": step,
        "step_count": len(ids),
        "steps": [
            {"section": PAGES[s], "done": s in intake.sections_done, "current": s == section_id}
            for s in ids
        ],
        "previous": previous,
        "is_last": following is None,
    }
    if not form.is_bound and getattr(form, "carried_over", False):
        context["carried_over"] = True
    if "pain_areas" in form.fields:
        context["pain_map_views"] = pain_map.VIEWS
    if section_id == LAST_SECTION:
        context["review"] = _review(intake)
    return render(request, "intake/public/section.html", context)


def _owner_names(intake):
    """The practice owners who are not the client's therapist: they may read the answers too,
    and the first page says so."""
    profile = therapist_profile(intake.therapist)
    if profile is None:
        return []
    owners = Therapist.objects.filter(practice_id=profile.practice_id, role=Therapist.Role.OWNER)
    owners = owners.exclude(user_id=intake.therapist_id).select_related("user")
    return [owner.display_name for owner in owners.order_by("user__last_name", "user_id")]


def _therapist_name(intake):
    profile = therapist_profile(intake.therapist)
    return profile.display_name if profile else intake.therapist.get_full_name()


@public_page
@require_http_methods(["GET", "HEAD"])
def intake_thanks(request, token):
    """What happens next; for an urgent result, kind and plain advice to get care today.

    Only the browser that sent the form sees it: anyone else holding the link gets the plain
    "already sent" page, which says nothing about the answers.
    """
    intake = _intake_for_token(token)
    if intake is None:
        return _unavailable(request)
    if intake.is_open:
        return redirect("intake:form", token=token)
    if not intake.is_submitted or intake.pk not in request.session.get(SESSION_KEY, []):
        return _unavailable(request, intake)
    screening = intake.screening
    tier = screening.tier if screening else None
    profile = therapist_profile(intake.therapist)
    context = {
        "link_path": _link_path(request),
        "practice_name": _practice_name(intake),
        "practice": profile.practice if profile else None,
        "therapist_name": _therapist_name(intake),
        "is_emergency": tier == EMERGENCY,
        "is_refer": tier == REFER,
    }
    return render(request, "intake/public/thanks.html", context)
