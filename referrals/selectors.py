"""Reads for referral letters: what a new draft says, and the lists pages show."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from clearance.status import care_status
from clients.selectors import is_owner, treated_clients, treats_clients
from notes.progress import pain_trend_sentence
from notes.selectors import recent_signed_notes
from referrals.models import ReferralLetter
from screening.questions import PAIN_DURATIONS

SESSION_NOTES_IN_LETTER = 3


@dataclass(frozen=True)
class DraftContent:
    """The fields of a new letter, pre-filled from the client's record and answers."""

    screening: object
    fields: dict = field(default_factory=dict)


def _sentence(text):
    text = " ".join((text or "").split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _duration_words(value):
    label = dict(PAIN_DURATIONS).get(value)
    return label[0].lower() + label[1:] if label else ""


def _findings_from_notes(notes, trend=""):
    lines = []
    for note in notes:
        parts = [_sentence(text) for text in (note.findings, note.assessment) if text]
        techniques = ", ".join(technique.label for technique in note.techniques.all())
        if techniques:
            parts.append(_sentence(f"Treatment: {techniques}"))
        parts.append(
            f"Pain {note.pain_before}/10 before the session and {note.pain_after}/10 after."
        )
        lines.append(f"- {note.session_date:%-d %B %Y}: " + " ".join(parts))
    if not lines:
        return ""
    return "From my session notes:\n" + "\n".join(lines) + (f"\n{trend}" if trend else "")


def _complaint(answers):
    parts = []
    complaint = " ".join(str(answers.get("main_complaint") or "").split())
    if complaint:
        parts.append(f'In the client\'s own words: "{complaint}"')
    duration = _duration_words(answers.get("pain_duration"))
    if duration:
        parts.append(f"They have had this pain for {duration}.")
    scores = []
    if answers.get("pain_now") is not None:
        scores.append(f"{answers['pain_now']}/10 at the time of the intake")
    if answers.get("pain_worst_week") is not None:
        scores.append(f"{answers['pain_worst_week']}/10 at its worst in the past week")
    if scores:
        parts.append("They rate the pain " + " and ".join(scores) + " (0-10 scale).")
    return "\n\n".join(parts)


def _history(client, answers):
    """Conditions, medications and allergies: the client record first, then the answers."""
    lines = []
    for label, key in (
        ("Conditions", "conditions"),
        ("Medications", "medications"),
        ("Allergies", "allergies"),
    ):
        value = " ".join((getattr(client, key) or answers.get(key) or "").split())
        if value:
            lines.append(f"- {label}: {value}")
    return "\n".join(lines)


def _request(client, flags):
    """What the letter asks. Only a flag that needs a physician (emergency or refer) holds
    massage until the reply; for a caution the therapist goes on treating, with its
    precautions, and asks for advice (issue 18: a caution's letter said massage would stop)."""
    name = client.first_name
    restrictions = [flag.restriction for flag in flags if flag.restriction]
    precautions = "\n".join(f"- {_sentence(r)}" for r in dict.fromkeys(restrictions))
    if any(flag.needs_physician for flag in flags) or not flags:
        text = (
            f"I would be grateful if you would assess {name} and let me know whether massage "
            "therapy is appropriate and, if so, any restrictions you would like me to observe. "
            "Until I hear from you I will not provide massage treatment."
        )
        if precautions:
            text += "\n\nIf you clear treatment, I plan to observe these precautions:\n"
            text += precautions
    else:
        text = (
            f"I would be grateful for your advice on any restrictions you would like me to "
            f"observe when treating {name}, or whether massage therapy should be avoided for "
            "now. In the meantime I will continue treatment"
        )
        if precautions:
            text += ", observing these precautions:\n" + precautions
        else:
            text += " with care."
    text += "\n\nA reply form is at the end of this letter."
    return text


def letter_flags(care):
    """The flags a letter asks about: those no clearance covers yet (from any intake), then
    the rest of the latest screening's, each once, most urgent first within each."""
    flags = {held.id: held.flag for held in care.held}
    for flag in care.screening.flag_list if care.screening else ():
        flags.setdefault(flag.id, flag)
    return list(flags.values())


def draft_content(client):
    """What a new letter for `client` says before the therapist edits it."""
    care = care_status(client)
    screening = care.screening
    flags = letter_flags(care)
    answers = screening.intake.answers if screening else {}
    # Flags are stored most urgent first; keep that order, one sentence per line.
    reason = "\n".join(
        f"- {_sentence(flag.physician_sentence)}" for flag in flags if flag.physician_sentence
    )
    if reason:
        reason = (
            f"{client.first_name} completed my health questionnaire before massage "
            f"treatment. {client.first_name}'s answers raise the following concerns:\n" + reason
        )
    return DraftContent(
        screening=screening,
        fields={
            "physician_name": client.physician_name,
            "physician_practice": client.physician_practice,
            "physician_address": client.physician_address,
            "consent_contact_physician": client.consent_contact_physician,
            "subject": "Request for assessment and clearance for massage therapy",
            "reason": reason,
            "complaint": _complaint(answers),
            "history": _history(client, answers),
            "findings": _findings_from_notes(
                recent_signed_notes(client, SESSION_NOTES_IN_LETTER),
                pain_trend_sentence(recent_signed_notes(client, None)),
            ),
            "request": _request(client, flags),
        },
    )


@dataclass(frozen=True)
class ClientReferrals:
    letters: list
    status: object  # clearance.status.CareStatus
    clearances: list

    @property
    def flags(self):
        return self.status.screening.flag_list if self.status.screening else ()

    @property
    def draft(self):
        return next((letter for letter in self.letters if letter.is_draft), None)

    @property
    def suggests_letter(self):
        """A flag asks for a physician and no clearance covers it yet."""
        return self.status.needs_clearance


def client_referrals(client, status=None):
    """The Referrals section of a client's page; `status` is care_status(client) when the
    page has it already. No letter's PDF is read."""
    letters = list(
        ReferralLetter.objects.filter(client=client)
        .select_related("corrects")
        .order_by("-created_at", "-pk")
    )
    clearances = list(
        client.clearances.select_related("letter_reply__letter").order_by("-recorded_at")
    )
    # Each letter's latest reply, from the clearances read here rather than a query a letter.
    replies = {}
    for clearance in clearances:  # newest first
        try:
            replies.setdefault(clearance.letter_reply.letter_id, clearance)
        except ObjectDoesNotExist:  # a clearance recorded without a letter
            continue
    for letter in letters:
        letter.reply = replies.get(letter.pk)
    return ClientReferrals(
        letters=letters, status=status or care_status(client), clearances=clearances
    )


# What a dashboard list shows of each letter's client (its name and link).
PANEL_CLIENT_FIELDS = ("client__first_name", "client__last_name", "client__therapist")


def _panel_letters(user, therapist_id=None):
    """The therapist's current letters of active clients: what both letter panels list (none
    for a role that sees no health data: clients.selectors.treats_clients; the practice's,
    or one therapist's, for the owner: treated_clients)."""
    if not treats_clients(user):
        return ReferralLetter.objects.none()
    if is_owner(user):
        letters = ReferralLetter.objects.filter(
            client__in=treated_clients(user, therapist_id=therapist_id)
        )
    else:
        letters = ReferralLetter.objects.for_therapist(user)
    return letters.current().filter(client__archived_at__isnull=True)


OUTSTANDING = Q(status=ReferralLetter.Status.SENT)
UNFINISHED = Q(status__in=[ReferralLetter.Status.DRAFT, ReferralLetter.Status.FINAL])


def letter_panel_count(user, which, *, therapist_id=None):
    """How many letters outstanding_referrals (OUTSTANDING) or unfinished_referrals
    (UNFINISHED) list. The same letters, found from the therapist's clients: SQLite would
    otherwise read every sent letter of the practice and look up each one's client (16 ms
    at 2,000 letters, against 3), where PostgreSQL plans both shapes alike."""
    clients = treated_clients(user, therapist_id=therapist_id).active().values("pk")
    return ReferralLetter.objects.current().filter(which, client__in=clients).count()


def outstanding_referrals(user, *, therapist_id=None):
    """Sent letters still waiting for a reply, the longest waiting (the overdue) first."""
    return (
        _panel_letters(user, therapist_id)
        .filter(OUTSTANDING)
        .select_related("client")
        .only("status", "sent_on", "sent_via", "physician_name", *PANEL_CLIENT_FIELDS)
        .order_by("sent_on", "pk")
    )


def unfinished_referrals(user, *, therapist_id=None):
    """Drafts, and final letters not yet sent, newest first."""
    return (
        _panel_letters(user, therapist_id)
        .filter(UNFINISHED)
        .select_related("client")
        .only("status", "updated_at", "letter_date", *PANEL_CLIENT_FIELDS)
        .order_by("-updated_at", "-pk")
    )
