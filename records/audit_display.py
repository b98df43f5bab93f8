"""The audit log as the owner reads it: people's and clients' names, one sentence per event
("Maya Chen signed Zoë Núñez's session note of 5 Dec 2026"), field labels and dates instead
of raw diffs. Only the display: the rows stay exactly as written (append-only), and the CSV
keeps their raw columns beside the sentence."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format

from audit.models import Event
from screening.tiers import TIER_LABELS

# The date a record is known by, per kind ("the session note of 5 Dec 2026"), first found.
RECORD_DATES = {
    "notes.sessionnote": ("session_date",),
    "referrals.referralletter": ("letter_date", "created_at"),
    "clearance.clearance": ("received_on",),
    "intake.intake": ("submitted_at", "created_at"),
    "intake.screening": ("created_at",),
    "intake.inpersonanswer": ("created_at",),
    "notes.noteamendment": ("created_at",),
    "referrals.letterreply": ("received_on", "created_at"),
}
# What a signature is called, per kind (a letter is finalised, a note signed).
SIGN_VERBS = {"referrals.referralletter": "finalised"}
VERBS = {
    Event.Action.VIEW: "opened",
    Event.Action.CREATE: "created",
    Event.Action.CHANGE: "changed",
    Event.Action.DELETE: "deleted",
    Event.Action.SIGN: "signed",
    Event.Action.EXPORT: "exported",
    Event.Action.PDF: "downloaded the PDF of",
    Event.Action.ERASE: "erased",
    Event.Action.REFUSED: "was refused",
}
LONG_VALUE = 120  # characters of a changed text shown; the CSV keeps every character


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ReadableEvent:
    event: Event
    who: str
    client_name: str
    sentence: str
    changes: list[Change] = field(default_factory=list)


def readable_events(events, *, client_names):
    """`events` (an iterable of audit Events) with a sentence and readable changes each;
    `client_names` maps a client's pk to their name (the practice's clients)."""
    events = list(events)
    people = _people(events)
    dates = _record_dates(events)
    return [_readable(event, people, dates, client_names) for event in events]


def client_label(client_pk, client_names):
    if client_pk is None:
        return ""
    return client_names.get(client_pk, f"Client #{client_pk} (erased)")


def _model(object_type):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _user_fields(model):
    user_model = get_user_model()
    return {
        f.attname
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model
    }


def _people(events):
    """pk -> name of every login an event names: its actor, its record, a user in its diff."""
    pks = {event.user_pk for event in events if event.user_pk is not None}
    user_type = get_user_model()._meta.label_lower
    for event in events:
        if event.object_type == user_type and event.object_pk.isdigit():
            pks.add(int(event.object_pk))
        model = _model(event.object_type)
        if model is None or not event.changes:
            continue
        for name in _user_fields(model) & event.changes.keys():
            pks.update(value for value in event.changes[name] if isinstance(value, int))
    users = get_user_model()._base_manager.filter(pk__in=pks)
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def _record_dates(events):
    """(object_type, pk) -> the date its record is known by, for the records still there."""
    wanted = {}
    for event in events:
        if event.object_type in RECORD_DATES and event.object_pk.isdigit():
            wanted.setdefault(event.object_type, set()).add(int(event.object_pk))
    dates = {}
    for object_type, pks in wanted.items():
        model = _model(object_type)
        if model is None:
            continue
        names = RECORD_DATES[object_type]
        for row in model._base_manager.filter(pk__in=pks).values("pk", *names):
            day = next((row[name] for name in names if row[name] is not None), None)
            if day is not None:
                dates[(object_type, str(row["pk"]))] = _day(day)
    return dates


def _day(value):
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return date_format(value, "j M Y")


def _who(event, people):
    if event.user_pk is not None:
        return people.get(event.user_pk) or event.username or f"User #{event.user_pk}"
    # Signed out, over the web: the client answering the questionnaire through their link.
    # Without a request (a command, the shell, a scheduled task) there is no address.
    if event.object_type.startswith("intake.") and event.ip_address is not None:
        return "The client"
    return "The system"


def _kind(event):
    model = _model(event.object_type)
    if model is None:
        return event.object_repr
    return str(model._meta.verbose_name)


def _record(event, people, dates, client_name):
    """The record an event is about, as words: "Zoë Núñez's session note of 5 Dec 2026"."""
    user_type = get_user_model()._meta.label_lower
    if event.object_type == "page":
        name = event.object_repr
        return f"the page “{name}”" + (f" for {client_name}" if client_name else "")
    if event.object_type == "clients.client":
        return f"the record of {client_name}" if client_name else "a client's record"
    if event.object_type == user_type:
        person = people.get(int(event.object_pk)) if event.object_pk.isdigit() else None
        return f"the login of {person}" if person else "a login"
    if event.object_type == "clients.practice":
        return (
            "the practice's audit log"
            if event.action == Event.Action.EXPORT
            else ("the practice's settings")
        )
    kind = _kind(event)
    day = dates.get((event.object_type, event.object_pk))
    words = f"{client_name}'s {kind}" if client_name else f"the {kind}"
    if day:
        words += f" of {day}"
    elif not client_name:
        words += f" #{event.object_pk}" if event.object_pk else ""
    return words


def _sentence(event, who, people, dates, client_name, changes):
    action = event.action
    record = _record(event, people, dates, client_name)
    if action == Event.Action.SIGN_IN:
        return f"{who} signed in"
    if action == Event.Action.SIGN_OUT:
        return f"{who} signed out"
    if action == Event.Action.SIGN_IN_FAILED:
        person = people.get(int(event.object_pk)) if event.object_pk.isdigit() else None
        target = person or "an unknown username"
        return f"A sign-in as {target} failed"
    if action in (Event.Action.TWO_FACTOR_ENROL, Event.Action.TWO_FACTOR_RESET):
        person = people.get(int(event.object_pk)) if event.object_pk.isdigit() else None
        verb = (
            "set up two-factor"
            if action == Event.Action.TWO_FACTOR_ENROL
            else ("removed two-factor")
        )
        if person and event.user_pk is not None and str(event.user_pk) != event.object_pk:
            return f"{who} {verb} for {person}"
        return f"{who} {verb}"
    if action == Event.Action.ERASE:
        reason = (event.changes.get("reason") or ["", ""])[-1]
        sentence = f"{who} erased the record of client #{event.client_pk or event.object_pk}"
        return sentence + (f". Reason given: {reason}" if reason else "")
    if action == Event.Action.REFUSED and event.object_type == "page":
        where = f" of {client_name}" if client_name else ""
        return f"{who} was refused a page{where} ({event.object_repr})"
    verb = VERBS.get(action, event.get_action_display().lower())
    if action == Event.Action.SIGN:
        verb = SIGN_VERBS.get(event.object_type, "signed")
    if action == Event.Action.REFUSED:
        verb = "was refused"
    sentence = f"{who} {verb} {record}"
    if action == Event.Action.CHANGE and changes:
        sentence += ": " + ", ".join(c.label[:1].lower() + c.label[1:] for c in changes)
    return sentence


def _readable(event, people, dates, client_names):
    who = _who(event, people)
    client_name = client_label(event.client_pk, client_names)
    # An erasure's one "change" is its reason, which its sentence says.
    changes = _changes(event, people) if event.action != Event.Action.ERASE else []
    sentence = _sentence(event, who, people, dates, client_name, changes)
    if event.via_admin:
        sentence += " (in the admin)"
    return ReadableEvent(
        event=event, who=who, client_name=client_name, sentence=sentence, changes=changes
    )


def _changes(event, people):
    model = _model(event.object_type)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model is not None else {}
    readable = []
    for name, values in (event.changes or {}).items():
        before, after = (
            (list(values) + [None, None])[:2]
            if isinstance(values, list)
            else (
                None,
                values,
            )
        )
        model_field = fields.get(name)
        readable.append(
            Change(
                label=_label(name, model_field),
                before=_value(before, model_field, people),
                after=_value(after, model_field, people),
            )
        )
    return readable


def _label(name, model_field):
    if model_field is None:
        return name.removesuffix("_id").replace("_", " ").capitalize()
    label = str(model_field.verbose_name)
    return label[:1].upper() + label[1:]


def _value(value, model_field, people):
    if value is None or value == "":
        return "—"
    if value in ("[hidden]", "[erased]"):
        return value.strip("[]")
    if model_field is not None and model_field.is_relation:
        if model_field.related_model is get_user_model() and isinstance(value, int):
            return people.get(value, f"User #{value}")
        return f"#{value}"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field is not None and model_field.name.endswith("tier") and value in TIER_LABELS:
        return TIER_LABELS[value]  # a client's latest tier, stored without choices
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(model_field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return date_format(moment, "j M Y, H:i")
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return date_format(day, "j M Y")
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value) or "—"
    elif isinstance(value, dict):
        return f"{len(value)} answer{'s' if len(value) != 1 else ''}"
    text = " ".join(str(value).split())
    return text if len(text) <= LONG_VALUE else text[: LONG_VALUE - 1] + "…"
