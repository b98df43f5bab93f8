"""What may be done for a client today: the one place that decides it.

It reads the client's whole history, oldest first: the screening that counts for each
submitted intake (the original, or the latest made after answers given in person) and every
physician's answer (clearance), and follows the rules of docs/clinical/red-flags.md
(version 3, "Enforcement"):

- An emergency or refer flag holds, blocking new session notes, until a clearance covering
  it is recorded after it, whatever later intakes say. A clearance covers the flag ids it
  was given for (Clearance.flag_ids; an older clearance that names none covers every flag
  raised before it), and the latest such answer decides: a "not cleared" keeps the hold.
- Except a flag defined by a time window (intake.screening.TIME_WINDOW_RULES): it lapses
  when a later screening, made on or after the flag's date plus the window, no longer has
  it and did not leave its question to ask.
- A refer flag whose id a lifting clearance received in the 12 months before the screening
  covered needs no new letter: it is carried forward. An emergency flag never is.
- After a neck or head emergency flag the neck is not worked, after a clearance too, unless
  the latest clearance covering it says neck work is allowed.
- What the latest screening asks in person blocks new notes until it is answered.

`care_status_from_history` is that rule as a pure function of the two histories.
`care_status(client)` loads one client's history for it; the dashboard reads the answer
stored on each client (Client.care_hold, kept by client_care_hold_refresh in
clearance.services), so the page and the panel cannot disagree.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from clearance.models import Clearance
from intake.flags import asks_of, flags_of
from intake.selectors import screening_history, urgency_of
from screening.tiers import EMERGENCY, INCOMPLETE, NEEDS_PHYSICIAN, REFER, TIER_LABELS

LIFTING_OUTCOMES = (Clearance.Outcome.GRANTED, Clearance.Outcome.RESTRICTED)
# A clearance carries forward to the same refer flag for this many calendar months.
CARRY_FORWARD_MONTHS = 12


def months_after(day, months):
    """The same day `months` calendar months later (the month's last day when it is shorter:
    29 February plus 12 months is 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def carries_forward_to(received_on, screened_on):
    """Whether a clearance received on `received_on` carries forward to a screening made on
    `screened_on`: within the 12 calendar months before it, both days included."""
    return received_on <= screened_on <= months_after(received_on, CARRY_FORWARD_MONTHS)


def _lifts(clearance):
    return clearance.outcome in LIFTING_OUTCOMES


@dataclass(frozen=True)
class Exclusion:
    """Why one technique is not suggested (and is refused if chosen)."""

    technique: object  # notes.models.Technique, or anything with .label and .restricted_by
    reasons: tuple[str, ...]

    @property
    def message(self):
        """'Not suggested: ischemic compression — No deep tissue or forceful pressure (...)'."""
        return f"Not suggested: {self.technique.label.lower()} — {'; '.join(self.reasons)}"


@dataclass(frozen=True)
class FlagInHistory:
    """One emergency or refer flag raised by one intake, and what became of it.

    `clearance` is the clearance that carries it forward (carried) or whose answer keeps or
    lifts it; `lapsed_on` the date of the later screening past its window that no longer
    has it (lapsed); `previous` says it was raised by an intake before the latest.
    """

    flag: object  # intake.flags.StoredFlag
    flagged_on: date
    raised_at: object  # datetime: when the screening that first had it was made
    screening: object  # the screening that counts for the intake that raised it
    previous: bool = False
    clearance: object = None
    lapsed_on: date | None = None
    window_days: int | None = None

    @property
    def id(self):
        return self.flag.id

    @property
    def reason(self):
        return self.flag.text

    @property
    def reason_clause(self):
        """The reason without its closing full stop, to go inside a sentence."""
        return self.reason.rstrip(" .")

    @property
    def summary(self):
        """The reason's first sentence, without what to do: for a flag that no longer holds."""
        return self.reason.split(". ", 1)[0].rstrip(" .")


@dataclass(frozen=True)
class CareStatus:
    """The client's history worked out: what holds their sessions and what every session
    must respect.

    `screening` is the screening that counts for the latest submitted intake (None without
    one); `clearance` the latest physician's answer, `physician_clearance` the latest that
    cleared massage (its restrictions apply).
    """

    screening: object = None  # intake.models.Screening
    clearance: Clearance | None = None
    physician_clearance: Clearance | None = None
    held: tuple[FlagInHistory, ...] = ()  # not yet cleared: block new notes
    lapsed: tuple[FlagInHistory, ...] = ()  # time-window flags a later screening let go
    carried: tuple[FlagInHistory, ...] = ()  # covered by an earlier clearance (12 months)
    neck_ban: tuple[FlagInHistory, ...] = ()  # neck or head emergency flags: no neck work
    asks: tuple = ()  # intake.flags.StoredAsk of the latest screening, unsettled
    # caution id (intake.screening) -> the restriction sentences that exclude it
    excluded_ids: dict = field(default_factory=dict)
    caution_restrictions: tuple[str, ...] = ()

    @property
    def needs_clearance(self):
        """True while an emergency or refer flag has no clearance that covers it."""
        return bool(self.held)

    @property
    def needs_in_person_answers(self):
        """True while the latest screening has questions to ask the client in person."""
        return bool(self.asks)

    @property
    def needs_screening(self):
        """True while the client has never sent an intake: their health is unknown, and
        unknown is never read as clear."""
        return self.screening is None

    @property
    def blocks_new_notes(self):
        return self.needs_screening or self.needs_clearance or self.needs_in_person_answers

    @property
    def hold(self):
        """What holds new sessions: "emergency", "refer", "incomplete" or "" (Client.care_hold)."""
        if any(held.flag.is_emergency for held in self.held):
            return EMERGENCY
        if self.held:
            return REFER
        return INCOMPLETE if self.asks else ""

    @property
    def hold_since(self):
        """When the hold began: the earliest flag held, or the screening with the asks."""
        if self.held:
            return min(held.raised_at for held in self.held)
        return self.screening.created_at if self.asks else None

    @property
    def hold_label(self):
        return TIER_LABELS.get(self.hold, "")

    @property
    def is_emergency(self):
        return self.hold == EMERGENCY

    @property
    def tier_label(self):
        return TIER_LABELS.get(self.screening.tier, "") if self.screening else ""

    @property
    def in_person_intake_id(self):
        """The intake whose questions to ask in person (the in-person page's)."""
        return self.screening.intake_id if self.asks else None

    @property
    def physician_restrictions(self):
        """The physician's restrictions that every later session note must show."""
        clearance = self.physician_clearance
        if clearance and clearance.outcome == Clearance.Outcome.RESTRICTED:
            return clearance.restrictions.strip()
        return ""

    @property
    def blocking_reasons(self):
        """The reasons of the emergency and refer flags that block treatment."""
        return [held.reason for held in self.held]

    @property
    def outstanding_flag_ids(self):
        """What a clearance recorded now answers: the flags held, else the neck or head
        emergency flags that still ban neck work (a physician may allow it later)."""
        ids = [held.id for held in self.held] or [ban.id for ban in self.neck_ban]
        return list(dict.fromkeys(ids))

    @property
    def neck_restrictions(self):
        return [
            f"No neck work: a neck or head emergency flag of {ban.flagged_on:%-d %B %Y} "
            f"({ban.summary}); no physician's clearance allows neck work."
            for ban in self.neck_ban
        ]

    @property
    def restrictions(self):
        """Every restriction sentence to show at the top of a note, physician's first."""
        shown = []
        if self.physician_restrictions:
            shown.append(f"Physician's restrictions: {self.physician_restrictions}")
        shown.extend(self.neck_restrictions)
        shown.extend(self.caution_restrictions)
        return shown

    def exclusion_for(self, technique):
        """Why `technique` must not be used for this client, or None when it may be."""
        reasons = []
        for caution_id in technique.restricted_by or []:
            for sentence in self.excluded_ids.get(caution_id, ()):
                if sentence not in reasons:
                    reasons.append(sentence)
        return Exclusion(technique, tuple(reasons)) if reasons else None


def _cautions_of(screening):
    excluded = {}
    restrictions = []
    for flag in flags_of(screening) if screening is not None else ():
        sentence = flag.restriction or flag.reason or flag.id
        if flag.restriction and flag.restriction not in restrictions:
            restrictions.append(flag.restriction)
        for caution_id in flag.restricts_techniques:
            excluded.setdefault(caution_id, [])
            if sentence not in excluded[caution_id]:
                excluded[caution_id].append(sentence)
    return excluded, tuple(restrictions)


@dataclass(frozen=True)
class _Intake:
    """One submitted intake of the history: the screening that counts for it, when each of
    its flags was first raised (the original, or an in-person yes), and the questions it has
    an answer to (the client's own, or one given in person that settled an ask)."""

    screening: object
    raised_at: dict  # flag id -> datetime
    answered: frozenset

    @property
    def flag_ids(self):
        return {flag.id for flag in flags_of(self.screening)}

    @property
    def asked_questions(self):
        return {ask.question for ask in asks_of(self.screening)}


def _intake_of(chain):
    """_Intake from one intake's counted screenings, oldest first."""
    latest = chain[-1]
    raised_at = {}
    asked = set()
    for screening in chain:
        for flag in flags_of(screening):
            raised_at.setdefault(flag.id, screening.created_at)
        asked |= {ask.question for ask in asks_of(screening)}
    answers = latest.intake.answers or {}
    still_asked = {ask.question for ask in asks_of(latest)}
    answered = {id for id, value in answers.items() if value is not None} | (asked - still_asked)
    return _Intake(screening=latest, raised_at=raised_at, answered=frozenset(answered))


def _intakes(screenings):
    """The counted screenings grouped by intake, oldest intake first."""
    by_intake = {}
    for screening in sorted(screenings, key=lambda s: (s.created_at, s.pk)):
        by_intake.setdefault(screening.intake_id, []).append(screening)
    intakes = [_intake_of(chain) for chain in by_intake.values()]
    intakes.sort(
        key=lambda i: (i.screening.intake.submitted_at, i.screening.created_at, i.screening.pk)
    )
    return intakes


def _ids_covered(clearance, raised):
    """The flag ids a clearance was given for; one that names none covers every flag raised
    before it (`raised`: (flag id, raised_at) of every emergency or refer flag)."""
    if clearance.flag_ids:
        return set(clearance.flag_ids)
    return {id for id, at in raised if at <= clearance.recorded_at}


def _answer_for(flag_id, raised_at, clearances, covered):
    """The latest clearance recorded at or after `raised_at` that covers `flag_id`, or None."""
    answers = [c for c in clearances if c.recorded_at >= raised_at and flag_id in covered[c.pk]]
    return answers[-1] if answers else None


def _carried_by(flag_id, raised_at, screened_on, clearances, covered):
    """The lifting clearance recorded before the flag that covered its id within the 12 months
    before `screened_on`, or None."""
    earlier = [c for c in clearances if c.recorded_at < raised_at and flag_id in covered[c.pk]]
    if not earlier or not _lifts(earlier[-1]):
        return None
    latest = earlier[-1]
    return latest if carries_forward_to(latest.received_on, screened_on) else None


def _lapse(flag, flagged_on, later):
    """The later screening that lets a time-window flag lapse, or None: the first made on or
    after the flag's date plus its window that no longer has it and has its question
    answered (not left blank, nor still to ask in person)."""
    if flag.time_window is None:
        return None
    question_id, days = flag.time_window
    for intake in later:
        screening = intake.screening
        if (
            screening.screened_on >= flagged_on + timedelta(days=days)
            and flag.id not in intake.flag_ids
            and question_id in intake.answered
            and question_id not in intake.asked_questions
        ):
            return screening
    return None


def _first_per_id(items):
    seen = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def care_status_from_history(screenings, clearances):
    """The CareStatus of a client from their history: `screenings`, every counted screening
    of their submitted intakes (each with its `intake`), and `clearances`, every clearance;
    in any order. Reads only fields, so a migration's historical models can be passed."""
    intakes = _intakes(screenings)
    clearances = sorted(clearances, key=lambda c: (c.recorded_at, c.pk))
    raised = [
        (flag.id, intake.raised_at[flag.id])
        for intake in intakes
        for flag in flags_of(intake.screening)
        if flag.needs_physician
    ]
    covered = {c.pk: _ids_covered(c, raised) for c in clearances}
    held, lapsed, carried, neck_ban = [], [], [], []
    for index, intake in enumerate(intakes):
        screening = intake.screening
        is_latest = index == len(intakes) - 1
        for flag in flags_of(screening):
            if not flag.needs_physician:
                continue
            item = FlagInHistory(
                flag=flag,
                flagged_on=screening.screened_on,
                raised_at=intake.raised_at[flag.id],
                screening=screening,
                previous=not is_latest,
            )
            answer = _answer_for(flag.id, item.raised_at, clearances, covered)
            if flag.is_neck_emergency and not (
                answer and _lifts(answer) and answer.allows_neck_work
            ):
                neck_ban.append(item)
            if answer is not None and _lifts(answer):
                continue
            carrier = None
            if flag.carries_forward and answer is None:
                carrier = _carried_by(
                    flag.id, item.raised_at, screening.screened_on, clearances, covered
                )
            if carrier is not None:
                if is_latest:
                    carried.append(replace(item, clearance=carrier))
                continue
            # A physician's "not cleared" holds a time-window flag past its window too.
            later = None if answer else _lapse(flag, screening.screened_on, intakes[index + 1 :])
            if later is not None:
                window = flag.time_window[1]
                lapsed.append(replace(item, lapsed_on=later.screened_on, window_days=window))
                continue
            held.append(replace(item, clearance=answer))
    latest = intakes[-1].screening if intakes else None
    excluded, restrictions = _cautions_of(latest)
    lifting = [c for c in clearances if _lifts(c)]
    return CareStatus(
        screening=latest,
        clearance=clearances[-1] if clearances else None,
        physician_clearance=lifting[-1] if lifting else None,
        held=_first_per_id(held),
        lapsed=_first_per_id(reversed(lapsed)),
        carried=_first_per_id(carried),
        neck_ban=_first_per_id(neck_ban),
        asks=asks_of(latest) if latest is not None else (),
        excluded_ids=excluded,
        caution_restrictions=restrictions,
    )


def care_holds(screenings, clearances):
    """{client pk: (hold, hold since)} for every client of the two histories, as
    care_status_from_history works them out: for a data migration or a seed that writes many
    clients' rows at once. Each screening needs its `intake` (for the client)."""
    by_client = defaultdict(lambda: ([], []))
    for screening in screenings:
        by_client[screening.intake.client_id][0].append(screening)
    for clearance in clearances:
        by_client[clearance.client_id][1].append(clearance)
    holds = {}
    for client_pk, (client_screenings, client_clearances) in by_client.items():
        care = care_status_from_history(client_screenings, client_clearances)
        holds[client_pk] = (care.hold, care.hold_since)
    return holds


def care_status(client):
    """What may be done for `client` today, from their whole history (two queries)."""
    clearances = list(Clearance.objects.filter(client=client))
    return care_status_from_history(screening_history(client), clearances)


def clients_needing_clearance(clients):
    """The clients of a queryset whose care_status(client).needs_clearance is True, most
    urgent first (emergency, then refer; the latest held first), as one queryset.

    It reads the answer stored on each client (Client.care_hold and care_hold_since, kept by
    clearance.services.client_care_hold_refresh from care_status), from a partial index. Each
    client carries `clearance_outcome`, the latest physician's answer recorded since the hold
    began (None without one).
    """
    latest_clearance = Clearance.objects.filter(
        client=OuterRef("pk"), recorded_at__gte=OuterRef("care_hold_since")
    ).order_by("-recorded_at", "-pk")
    return (
        clients.filter(care_hold__in=NEEDS_PHYSICIAN)
        .annotate(clearance_outcome=Subquery(latest_clearance.values("outcome")[:1]))
        .order_by(urgency_of("care_hold"), "-care_hold_since", "pk")
    )
