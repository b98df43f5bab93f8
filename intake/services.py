"""Writes of the intake app: links (therapist side), submission and rescreening (client side).

Each service is keyword-only and atomic over the database; email goes out only after the
rows it points at are saved.
"""

import base64
import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.crypto import salted_hmac

from audit.tracking import save_with_old_values
from clients.models import Client
from clients.services import client_create, client_update_details_locked
from clients.submission import KeyTaken, create_once
from intake.emails import send_intake_link
from intake.messages import intake_submitted_enqueue
from intake.models import (
    DEFAULT_LINK_LIFETIME,
    FULL_SECTION_IDS,
    InPersonAnswer,
    Intake,
    IntakeKind,
    Screening,
    hash_token,
)
from intake.selectors import latest_screening_of_client
from intake.signals import screenings_changed
from screening.engine import screen
from screening.questions import (
    AnswersError,
    is_screening_question,
    missing_required,
    signature_matches_name,
    validate_answers,
)

logger = logging.getLogger(__name__)


# --- Therapist side: links and review --------------------------------------------------


def link_token_for_key(submission_key):
    """The token of the link a "Create link" form makes, derived from its one-time key.

    The token is never stored, so a second post of the same form (a double click: the
    browser shows only the second answer) could not show the link the first post made.
    Deriving it from the form's key with the server's secret lets the second post find the
    same link and show it again. The database holds only the token's hash, and the key is
    useless without SECRET_KEY, so neither a leaked database nor the form opens the link.
    """
    digest = salted_hmac("intake.link-token", submission_key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def intake_link_for_key(*, therapist, submission_key):
    """(intake, token) of the link an earlier post of the same form made, or None."""
    if not submission_key:
        return None
    token = link_token_for_key(submission_key)
    intake = (
        Intake.objects.select_related("client")
        .filter(therapist=therapist, token_hash=hash_token(token))
        .first()
    )
    return (intake, token) if intake else None


def _cancel_unused(client, now):
    # Expired links are closed too: the constraint counts every link not submitted or
    # cancelled, whatever the clock says.
    return Intake.objects.filter(
        client=client, submitted_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now, expires_at=Least("expires_at", Value(now)), updated_at=now)


def _intake_link_save(*, therapist, client, lifetime, submission_key="", kind=IntakeKind.FULL):
    """(intake, token, created): a new link, or the one this form's key already made."""
    if client.therapist_id != therapist.pk:
        raise ValueError("a therapist can only send intake links to their own clients")
    earlier = intake_link_for_key(therapist=therapist, submission_key=submission_key)
    if earlier:
        return (*earlier, False)
    token = link_token_for_key(submission_key) if submission_key else Intake.new_token()
    try:
        with transaction.atomic():
            # The client's row lock makes two "Create link" posts for one client take turns.
            Client.objects.select_for_update().filter(pk=client.pk).first()
            now = timezone.now()
            # One open link per client: a new link replaces any the client has not used.
            _cancel_unused(client, now)
            intake = Intake(
                client=client,
                therapist=therapist,
                kind=kind,
                token_hash=hash_token(token),
                expires_at=now + lifetime,
            )
            intake.full_clean(validate_unique=False, validate_constraints=False)
            intake.save()
    except IntegrityError:
        # The same form posted twice at once: the first post's link is the answer.
        earlier = intake_link_for_key(therapist=therapist, submission_key=submission_key)
        if earlier is None:
            if submission_key:
                raise KeyTaken() from None  # another therapist's form
            raise
        return (*earlier, False)
    return intake, token, True


def _intake_link_email(*, intake, token, email):
    """Send the link; on a mail failure the link still exists to copy, and sent_at stays empty."""
    try:
        send_intake_link(intake=intake, token=token, email=email)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not email the intake link of intake %s", intake.pk)
        return
    intake.sent_to_email = email
    intake.sent_at = timezone.now()
    intake.save(update_fields=["sent_to_email", "sent_at", "updated_at"])


def _check_email_request(email, send_email):
    if send_email and not email:
        raise ValueError("an email address is needed to email the link")


def intake_link_create(
    *,
    therapist,
    client,
    email="",
    lifetime=DEFAULT_LINK_LIFETIME,
    send_email=False,
    submission_key="",
    kind=IntakeKind.FULL,
):
    """A new intake link for `client`; returns (intake, token).

    The token is returned once and never stored (only its hash). Older unsubmitted links of
    the client are cancelled. With send_email the link is emailed to `email`; check
    `intake.sent_at` to know whether the mail went out. With the form's `submission_key`,
    a second call returns the link the first one made (and emails nothing).
    """
    _check_email_request(email, send_email)
    intake, token, created = _intake_link_save(
        therapist=therapist,
        client=client,
        lifetime=lifetime,
        submission_key=submission_key,
        kind=kind,
    )
    if send_email and created:
        _intake_link_email(intake=intake, token=token, email=email)
    return intake, token


def _open_link_locked(client, now):
    """The client's open link (not submitted, cancelled or expired), row locked, or None."""
    return (
        Intake.objects.select_for_update()
        .filter(client=client, submitted_at__isnull=True, cancelled_at__isnull=True)
        .filter(expires_at__gt=now)
        .first()
    )


def _link_reissue_locked(intake, *, lifetime, now, kind=None, email=""):
    """A fresh token on a locked open link: the old token stops opening it, the drafts stay.
    Returns the token (never stored, only its hash)."""
    token = Intake.new_token()
    old = {"token_hash": intake.token_hash, "expires_at": intake.expires_at, "kind": intake.kind}
    intake.token_hash = hash_token(token)
    intake.expires_at = now + lifetime
    if kind:
        intake.kind = kind
    fields = ["token_hash", "expires_at", "kind", "updated_at"]
    if email:
        old |= {"sent_to_email": intake.sent_to_email, "sent_at": intake.sent_at}
        intake.sent_to_email, intake.sent_at = email, now
        fields += ["sent_to_email", "sent_at"]
    save_with_old_values(intake, old, update_fields=fields)
    return token


def _link_issue(*, client, lifetime, kind, email):
    # The client's row lock makes two callers (a booking and a resend) take turns.
    Client.objects.select_for_update().filter(pk=client.pk).first()
    now = timezone.now()
    intake = _open_link_locked(client, now)
    if intake is not None:
        # A full form asked for over an open health update becomes the full form (the
        # update's screening and consent pages are the full form's too); a health update
        # asked for over an open full form stays the full form, which asks everything.
        upgrade = IntakeKind.FULL if kind == IntakeKind.FULL else None
        token = _link_reissue_locked(intake, lifetime=lifetime, now=now, kind=upgrade, email=email)
        return intake, token
    intake, token = intake_link_create(
        therapist=client.therapist, client=client, lifetime=lifetime, kind=kind
    )
    if email:
        intake.sent_to_email, intake.sent_at = email, now
        intake.save(update_fields=["sent_to_email", "sent_at", "updated_at"])
    return intake, token


@transaction.atomic
def intake_link_issue(*, client, lifetime=DEFAULT_LINK_LIFETIME, email=""):
    """(intake, token) of a link to the full intake form, for a message about to go out.

    The client's open link gets a fresh token (the old one stops working; what the client
    typed is kept) and a fresh lifetime; without one, a new link is made as the client's
    therapist. Made for a message built at send time (the token is never stored, so the
    outbox cannot keep it): `email`, when given, is recorded as where the link was sent.
    A client who has submitted already gets a new link: the caller decides whether to ask.
    """
    return _link_issue(client=client, lifetime=lifetime, kind=IntakeKind.FULL, email=email)


@transaction.atomic
def health_update_link_issue(*, client, lifetime=DEFAULT_LINK_LIFETIME, email=""):
    """(intake, token) of a link to the short health update for a returning client (the
    same rule as intake_link_issue: a fresh token on the open link, or a new one).

    A client who has never submitted an intake has nothing on file to confirm: they get
    the full form instead (intake.kind says which).
    """
    submitted_before = client.intakes.filter(submitted_at__isnull=False).exists()
    kind = IntakeKind.UPDATE if submitted_before else IntakeKind.FULL
    return _link_issue(client=client, lifetime=lifetime, kind=kind, email=email)


def intake_link_resend(*, intake, email="", send_email=False, lifetime=DEFAULT_LINK_LIFETIME):
    """ "Resend" on a staff page: a fresh token and lifetime on the same link, drafts kept,
    emailed when asked. Returns (intake, token). A link that expired unsubmitted can be sent
    again too (it is still the client's one link); ValueError once submitted or cancelled."""
    _check_email_request(email, send_email)
    with transaction.atomic():
        locked = Intake.objects.select_for_update().select_related("client").get(pk=intake.pk)
        if locked.is_submitted or locked.is_cancelled:
            raise ValueError("only a link not yet submitted or cancelled can be sent again")
        token = _link_reissue_locked(locked, lifetime=lifetime, now=timezone.now())
    if send_email:
        # After the commit, like a new link's; a failed mail leaves sent_at as it was and
        # the page shows the link to copy.
        _intake_link_email(intake=locked, token=token, email=email)
    return locked, token


def intake_link_create_for_new_client(
    *,
    therapist,
    first_name,
    last_name,
    email="",
    lifetime=DEFAULT_LINK_LIFETIME,
    send_email=False,
    submission_key="",
):
    """Create the client and their first intake link together; returns (intake, token).

    With the form's `submission_key`, a second call returns the first call's link and
    client instead of adding the client again.
    """
    _check_email_request(email, send_email)
    earlier = intake_link_for_key(therapist=therapist, submission_key=submission_key)
    if earlier:
        return earlier
    try:
        with transaction.atomic():
            # The key on the client too: a racing second post stops at the client's insert.
            client = client_create(
                therapist=therapist,
                first_name=first_name,
                last_name=last_name,
                email=email,
                submission_key=submission_key,
            )
            intake, token, created = _intake_link_save(
                therapist=therapist,
                client=client,
                lifetime=lifetime,
                submission_key=submission_key,
            )
    except IntegrityError:
        earlier = intake_link_for_key(therapist=therapist, submission_key=submission_key)
        if earlier is None:
            raise
        return earlier
    if send_email and created:
        _intake_link_email(intake=intake, token=token, email=email)
    return intake, token


@transaction.atomic
def intake_links_cancel_unused(*, client):
    """Close every unused link of a client (when they are archived); returns how many were
    still open."""
    now = timezone.now()
    still_open = Intake.objects.filter(
        client=client, submitted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).count()
    _cancel_unused(client, now)
    return still_open


@transaction.atomic
def intake_link_cancel(*, intake):
    """Close an unused link now, so it no longer opens the form (a sent one is kept)."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if not locked.is_submitted and not locked.is_cancelled:
        now = timezone.now()
        locked.cancelled_at = now
        locked.expires_at = min(locked.expires_at, now)
        locked.save(update_fields=["cancelled_at", "expires_at", "updated_at"])
    intake.cancelled_at, intake.expires_at = locked.cancelled_at, locked.expires_at
    return intake


@transaction.atomic
def intake_review_acknowledge(*, intake, by):
    """Record that the therapist has read the intake; the first acknowledgement is kept."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if not locked.is_submitted:
        raise ValueError("only a submitted intake can be reviewed")
    if locked.reviewed_at is None:
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["reviewed_by", "reviewed_at", "updated_at"])
    intake.reviewed_by, intake.reviewed_at = locked.reviewed_by, locked.reviewed_at
    return intake


# --- Client side: submission and rescreening -------------------------------------------


class IntakeClosedError(Exception):
    """The link can no longer take answers: already submitted, or expired."""


class IntakeAlreadySubmittedError(IntakeClosedError):
    pass


class IntakeExpiredError(IntakeClosedError):
    pass


def _json_safe(answers):
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in answers.items()
    }


def screening_create(
    *, intake, result, on_date, is_rescreen=False, answered_in_person=False, created_by=None
):
    """Store a ScreeningResult; flags keep what later features read (restrictions)."""
    return Screening.objects.create(
        intake=intake,
        rules_version=result.rules_version,
        screened_on=on_date,
        tier=result.tier,
        flags=[
            {
                **flag.as_dict(),
                "restriction": flag.restriction,
                "restricts_techniques": list(flag.restricts_techniques),
            }
            for flag in result.flags
        ],
        unanswered=list(result.unanswered),
        ask_in_person=[ask.as_dict() for ask in result.ask_in_person],
        is_rescreen=is_rescreen,
        answered_in_person=answered_in_person,
        created_by=created_by,
    )


def _latest_screening_fields(screening, submitted_at):
    """The Client fields that copy the screening that counts for the client's latest intake."""
    if screening is None:
        return {"screening_tier": "", "screened_at": None, "screening_submitted_at": None}
    return {
        "screening_tier": screening.tier,
        "screened_at": screening.created_at,
        "screening_submitted_at": submitted_at,
    }


def client_latest_screening_refresh(client_id):
    """Copy the screening that counts for the client's latest intake onto their record again
    (after one is deleted, or answers were given in person), and have their care hold worked
    out again (intake.signals)."""
    latest = latest_screening_of_client(client_id).select_related("intake").first()
    fields = _latest_screening_fields(latest, latest.intake.submitted_at if latest else None)
    Client.objects.filter(pk=client_id).update(**fields)
    screenings_changed.send(sender=Screening, client_id=client_id)


def lock_intake(pk, *, with_client=False):
    """The intake's row, locked until the transaction ends (with its client's row too when
    `with_client`: a submission writes both). Raises Intake.DoesNotExist."""
    rows = Intake.objects.select_related("client")
    if with_client:
        return rows.select_for_update(of=("self", "client")).get(pk=pk)
    return rows.select_for_update(of=("self",)).get(pk=pk)


def _check_open(locked):
    if locked.is_submitted:
        raise IntakeAlreadySubmittedError("This intake has already been submitted.")
    if locked.is_expired or locked.is_cancelled:
        raise IntakeExpiredError("This intake link has expired.")


@transaction.atomic
def intake_save_section(*, intake, section, typed, done):
    """Keep what the client typed in one section, so a closed tab loses nothing.

    `typed` is the section's raw input (question id -> text or list); `done` says whether it
    passed the form's checks. Merged under a row lock so two tabs don't drop each other's
    sections. Raises IntakeClosedError once the link is closed.
    """
    locked = lock_intake(intake.pk)
    _save_section_locked(intake=locked, section=section, typed=typed, done=done)
    intake.draft_answers, intake.sections_done = locked.draft_answers, locked.sections_done
    return intake


def _save_section_locked(*, intake, section, typed, done, write=True):
    """intake_save_section once the transaction holds the row lock of `intake` (so its
    drafts are the current ones): one UPDATE.

    With write=False the section is merged into `intake` in memory only, for a caller that
    submits next (the submission clears the drafts) and calls _save_draft if it does not."""
    _check_open(intake)
    # The values the locked row holds, for the audit trail's diff (taken before any change).
    old = {"draft_answers": intake.draft_answers, "sections_done": intake.sections_done}
    draft = dict(intake.draft_answers or {})
    draft[section] = typed
    sections_done = [s for s in (intake.sections_done or []) if s != section]
    if done:
        sections_done.append(section)
    intake.draft_answers = draft
    intake.sections_done = sections_done
    if write:
        _save_draft(intake=intake, old=old)
    return intake


def _save_draft(*, intake, old=None):
    """Write the drafts merged into a locked intake (_save_section_locked).

    `old`: the drafts the locked row held before the merge, so the audit trail records the
    change without reading the row again; without it, the audit trail reads them."""
    # The link's status rides on the same UPDATE: opened (if not yet) and active now.
    now = timezone.now()
    if old is not None:
        old = {**old, "first_opened_at": intake.first_opened_at}
    intake.first_opened_at = intake.first_opened_at or now
    intake.last_active_at = now
    fields = ["draft_answers", "sections_done", "first_opened_at", "last_active_at", "updated_at"]
    if old is None:
        intake.save(update_fields=fields)
    else:
        save_with_old_values(intake, old, update_fields=fields)


# A page shown again within this time does not write "last active" again: reloads and
# back-and-forth cost one UPDATE statement that matches no row.
ACTIVE_GRANULARITY = timedelta(minutes=1)


def intake_opened(*, intake):
    """The client opened a page of the link: one UPDATE, no read (first opened, last active).

    A queryset update, so the audit trail does not record each page view (a client opening
    their own form is not a change to their record)."""
    now = timezone.now()
    Intake.objects.filter(pk=intake.pk).filter(
        Q(first_opened_at__isnull=True)
        | Q(last_active_at__isnull=True)
        | Q(last_active_at__lt=now - ACTIVE_GRANULARITY)
    ).update(first_opened_at=Coalesce("first_opened_at", Value(now)), last_active_at=now)


@transaction.atomic
def intake_submit(*, intake, answers, on_date=None):
    """Store the client's one submission, its screening, and their details on the record.

    The answers are checked against the catalogue (AnswersError names every bad id, and
    also a missing consent or a signature that is not the client's name) and screened on
    `on_date` (default: today in the practice's time zone). The intake row is locked, so a
    double submit stores one submission and the second raises IntakeAlreadySubmittedError;
    an expired link raises IntakeExpiredError.
    """
    locked = lock_intake(intake.pk, with_client=True)
    _submit_locked(intake=locked, answers=answers, on_date=on_date)
    for name in ("answers", "submitted_at", "draft_answers", "updated_at"):
        setattr(intake, name, getattr(locked, name))
    return intake


def _submit_locked(*, intake, answers, on_date=None):
    """intake_submit once the transaction holds the row locks of `intake` and of its client
    (lock_intake(..., with_client=True)). On AnswersError nothing is written."""
    _check_open(intake)
    cleaned = validate_answers(answers)
    errors = {
        id: "This question must be answered (consent must be yes)."
        for id in missing_required(cleaned)
    }
    if "signature_name" not in errors and not signature_matches_name(cleaned):
        errors["signature_name"] = "The signature must be the client's first and last name."
    if errors:
        raise AnswersError(errors)
    on_date = on_date or timezone.localdate()
    result = screen(cleaned, on_date)

    now = timezone.now()
    # The conditional update is the guard that holds even where select_for_update is a
    # no-op (SQLite): only one request can move submitted_at from empty to set.
    stored = _json_safe(cleaned)
    claimed = Intake.objects.filter(
        pk=intake.pk, submitted_at__isnull=True, cancelled_at__isnull=True
    ).update(answers=stored, submitted_at=now, draft_answers={}, last_active_at=now, updated_at=now)
    if not claimed:
        raise IntakeAlreadySubmittedError("This intake has already been submitted.")
    intake.answers, intake.submitted_at, intake.draft_answers = stored, now, {}
    intake.updated_at = now
    screening = screening_create(intake=intake, result=result, on_date=on_date)

    # The answers about the client, and this screening as their latest (a client has one
    # open link at a time, so this submission is their latest), in one write of the record.
    # validate_answers has checked the answers (a first and last name are required, so the
    # record's name constraint holds; the database enforces it too).
    client_update_details_locked(
        client=intake.client,
        details={
            **{field: cleaned[field] for field in Client.SELF_REPORTED_FIELDS if field in cleaned},
            **_latest_screening_fields(screening, submitted_at=now),
        },
        check_constraints=False,
        read_locked=True,  # lock_intake / _lock_for_token read it with the intake
    )
    screenings_changed.send(sender=Screening, client_id=intake.client_id)
    # "A new intake needs review", in this transaction: the claim above makes it once.
    intake_submitted_enqueue(intake)
    return intake


class StepOutcome:
    """What intake_save_step did with one posted page of the client's form."""

    CLOSED = "closed"  # no such link, the link is closed, or the page is not one of its pages
    SAVED = "saved"  # the page is kept (finished or not); nothing was sent
    UNFINISHED = "unfinished"  # the last page asked to send, but an earlier page is not done
    REFUSED = "refused"  # the service refused the answers (AnswersError): nothing was sent
    SUBMITTED = "submitted"  # the form is sent: one submission, screened


@dataclass
class Step:
    outcome: str
    intake: Intake | None = None  # the link's row as locked and written (None: no such link)
    done: bool = False  # the page passed its checks
    unfinished: str | None = None  # UNFINISHED: the first page still to finish
    errors: dict = field(default_factory=dict)  # REFUSED: AnswersError.errors


def _lock_for_token(token, *, with_client):
    """The link's row by its token's hash, locked (with its client's row when `with_client`),
    or None. With the client comes its therapist, whom the submission's email goes to, so
    the submission reads neither again. Other pages leave the client out: building it on
    every step cost more than the one page that needs it reading it."""
    rows = Intake.objects.order_by()  # one row by a unique hash: no ORDER BY
    if with_client:
        rows = rows.select_related("client__therapist").select_for_update(of=("self", "client"))
    else:
        rows = rows.select_for_update()
    return next(iter(rows.filter(token_hash=hash_token(token))[:1]), None)


@transaction.atomic
def intake_save_step(*, token, section, typed, check, answers, send=True, on_date=None):
    """Keep one page the client posted and, on the last page, send the form: the link's row
    is read once, locked, and checked, written and (last page) submitted under that lock, so
    a second tab or a double click waits and then sees this step's result.

    `typed` is the page as typed (kept whatever it holds, so nothing typed is lost).
    `check(intake)` says whether the page passes its checks, against the locked row (a page's
    questions can depend on another page's answers); `answers(intake)` gives (answers, first
    page not finished) from every kept page, for the last page. With send=False (the client
    went back) the last page is kept, not sent. Returns a Step; raises IntakeClosedError
    only if the link closed between the read and the write where no row lock exists (SQLite).
    """
    last = section == FULL_SECTION_IDS[-1]  # consent, the last page of either kind of form
    intake = _lock_for_token(token, with_client=last)
    if intake is None or not intake.is_open or section not in intake.section_ids:
        return Step(StepOutcome.CLOSED, intake)
    done = check(intake)
    sending = done and send and section == intake.section_ids[-1]
    # A page that sends the form is not written on its own: the submission clears the drafts;
    # it is written below when the form cannot be sent yet.
    _save_section_locked(intake=intake, section=section, typed=typed, done=done, write=not sending)
    if not sending:
        return Step(StepOutcome.SAVED, intake, done)
    all_answers, unfinished = answers(intake)
    if unfinished is not None:
        _save_draft(intake=intake)
        return Step(StepOutcome.UNFINISHED, intake, done, unfinished=unfinished)
    try:
        # Refused answers raise before anything is written: the page is then kept as a draft.
        _submit_locked(intake=intake, answers=all_answers, on_date=on_date)
    except AnswersError as error:
        _save_draft(intake=intake)
        return Step(StepOutcome.REFUSED, intake, done, errors=error.errors)
    return Step(StepOutcome.SUBMITTED, intake, done)


@transaction.atomic
def intake_rescreen(*, intake, by, submission_key=""):
    """Screen the client's own answers with the current rules; the original screening is
    kept, and the rescreen is for information: it never counts for the intake. The same form
    posted twice (its `submission_key`) adds one rescreen.
    """
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if not intake.is_submitted:
        raise ValueError("only a submitted intake can be rescreened")

    def create():
        return _screen_again(intake=intake, by=by, submission_key=submission_key, is_rescreen=True)

    rescreen, _ = create_once(
        Screening.objects.filter(intake=intake), key=submission_key, create=create
    )
    return rescreen


def _screen_again(*, intake, by, submission_key, in_person=None, **kind):
    """A new screening of a submitted intake's answers (with the answers given in person), on
    the day of the original: the rules read the client's age on that day, so only the rules
    or the answers change, not the facts. `kind`: is_rescreen or answered_in_person."""
    original = intake.screening
    on_date = original.screened_on if original else timezone.localdate(intake.submitted_at)
    result = screen(intake.answers, on_date, in_person=in_person)
    screening = screening_create(
        intake=intake, result=result, on_date=on_date, created_by=by, **kind
    )
    if submission_key:
        screening.submission_key = submission_key
        screening.save(update_fields=["submission_key"])
    return screening


# --- Therapist side: answers recorded in person ----------------------------------------


def in_person_questions(screening):
    """The yes/no screening questions the asks of `screening` name, each with its asks, in
    the order asked: {question id: [StoredAsk, ...]}."""
    questions = {}
    for ask in screening.asks if screening is not None else ():
        questions.setdefault(ask.question, []).append(ask)
    return questions


def _check_in_person(answers, asked):
    """Errors by question id: only a yes or no to a screening question the intake's screening
    asks about can be recorded."""
    errors = {}
    for question_id, value in answers.items():
        if not is_screening_question(question_id):
            errors[question_id] = f"“{question_id}” is not a yes/no screening question."
        elif question_id not in asked:
            errors[question_id] = (
                "This question is not among those the intake's screening asks in person "
                "(it may have been answered already): reload the page."
            )
        elif not isinstance(value, bool):
            errors[question_id] = "Choose Yes or No."
    if not answers:
        errors["__all__"] = "Choose Yes or No for at least one question."
    return errors


@transaction.atomic
def in_person_answers_record(*, intake, answers, by, submission_key=""):
    """Record the answers the therapist got by asking the client in person, and screen the
    intake again with them: a new screening of the intake, marked answered in person, which
    counts for it from then on (the original is kept).

    `answers` maps yes/no screening question ids to True or False; each must be one the
    intake's current screening asks about (ValidationError by question id otherwise). The
    intake is screened on the original's date with every answer given in person so far (the
    latest per question). The same form posted twice (its `submission_key`) records once and
    returns the first screening.
    """
    # The client's row too: a note being written for the client waits for the new screening.
    intake = lock_intake(intake.pk, with_client=True)
    if not intake.is_submitted:
        raise ValidationError("Only a submitted intake can be answered in person.")

    def create():
        current = intake.effective_screening
        errors = _check_in_person(answers, in_person_questions(current))
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        for question_id, value in answers.items():
            answer = InPersonAnswer(
                intake=intake, question_id=question_id, value=value, asked_by=by, asked_at=now
            )
            answer.full_clean()
            answer.save()  # one by one: the audit trail records each (audit.tracking)
        given = {a.question_id: a.value for a in intake.in_person_answers.all()}
        return _screen_again(
            intake=intake,
            by=by,
            submission_key=submission_key,
            in_person=given,
            answered_in_person=True,
        )

    screening, created = create_once(
        Screening.objects.filter(intake=intake, answered_in_person=True, created_by=by),
        key=submission_key,
        create=create,
    )
    if created:
        client_latest_screening_refresh(intake.client_id)
    return screening
