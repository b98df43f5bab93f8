"""Seed a large practice for the benchmark, fast, through the project's own models.

Rows are what the services would write (search columns filled, screenings made by
intake.screening.screen on varied answers, flags stored as screening_create stores them,
final letters carrying a real rendered PDF and its SHA-256), but written with bulk_create:
the services' one-row-at-a-time writes would take far too long for 100,000 notes.

The therapist "bench" holds BIG_SHARE clients; "bench-small" holds SMALL clients with the
same mix of data, so query counts can be compared at 100 and at 10,000 clients.
"""

import contextlib
import datetime
import hashlib
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clearance.models import Clearance
from clearance.status import care_holds
from clients.models import Client, Practice, Therapist, digits_only, normalise_for_search
from intake.demo import signed_answers
from intake.models import Intake, Screening, hash_token
from intake.services import _json_safe
from notes.models import Complaint, SessionNote, Technique
from referrals.files import write_letter_file
from referrals.models import LetterReply, ReferralLetter
from screening.engine import screen
from screening.questions import REQUIRED_SCREENING, validate_answers
from screening.tiers import CAUTION, CLEAR, EMERGENCY, NEEDS_PHYSICIAN, REFER

PASSWORD = "bench-password-not-secret"  # noqa: S105
THERAPISTS = 10
BIG_SHARE = 1_500
SMALL = 100
OPEN_LINKS = 600  # unsubmitted links of the big therapist's clients, for the intake pages
HEAVY_CLIENTS = 20  # clients of the big therapist with exactly HEAVY_NOTES notes
HEAVY_NOTES = 100

FIRST = ["Zoë", "James", "Priya", "Wei", "Aisha", "Tomás", "Grace", "Henrik", "Fatima", "Oliver"]
LAST = ["Núñez", "Whitfield", "Raman", "Larsen", "Bello", "Grant", "Rossi", "Okafor", "Berg"]
# The required screening questions: all answered, most with no, as a finished intake is.
SCREENING_IDS = list(REQUIRED_SCREENING)
ALL_NO = dict.fromkeys(SCREENING_IDS, False)


@contextlib.contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the dates we give instead of now (auto_now / auto_now_add)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _answer_variants(rng, today):
    """About forty answer sets of every tier, each with the result screen() gives it."""
    variants = []
    for index in range(40):
        answers = dict(ALL_NO)
        if index >= 24:  # most clients answer no to everything
            for id in rng.sample(SCREENING_IDS, rng.choice([1, 1, 2, 3])):
                answers[id] = True
        answers.update(
            main_complaint=rng.choice(
                ["Stiff lower back after desk work.", "Sore neck and shoulders.", "Tight hips."]
            ),
            pain_now=rng.randint(1, 8),
            pain_worst_week=rng.randint(3, 10),
            pain_duration=rng.choice(["under_6_weeks", "6_to_12_weeks", "over_12_weeks"]),
            pain_onset=rng.choice(["gradual", "sudden", "after_minor_strain"]),
        )
        variants.append(answers)
    # Make sure every tier is there, whatever the random picks gave.
    variants += [
        {**ALL_NO, "saddle_numbness": True, "pain_now": 7},
        {**ALL_NO, "cancer_history": True, "night_pain_unrelieved": True, "pain_now": 5},
        {**ALL_NO, "anticoagulants": True, "pain_now": 3},
    ]
    return variants


def _screened(client, answers, on_date):
    cleaned = validate_answers(signed_answers(client, **answers))
    result = screen(cleaned, on_date)
    flags = [
        {
            **flag.as_dict(),
            "restriction": flag.restriction,
            "restricts_techniques": list(flag.restricts_techniques),
        }
        for flag in result.flags
    ]
    return _json_safe(cleaned), result, flags


def _users(practice):
    User = get_user_model()
    users = []
    names = ["bench", "bench-small"] + [f"bench-{i}" for i in range(2, THERAPISTS)]
    for name in names:
        user = User(username=name, first_name=name.title(), last_name="Therapist")
        user.set_password(PASSWORD)
        user.save()
        Therapist.objects.create(
            user=user, practice=practice, designation="RMT", licence_number=f"{name}-001"
        )
        users.append(user)
    return users


def _client_counts(total):
    rest = total - BIG_SHARE - SMALL
    others = THERAPISTS - 2
    return [BIG_SHARE, SMALL] + [
        rest // others + (1 if i < rest % others else 0) for i in range(others)
    ]


@transaction.atomic
def seed(total_clients=10_000, *, intakes=30_000, notes=100_000, letters=5_000, pdf=b""):
    """Seed everything; returns a dict of what the benchmark needs (users, ids, tokens)."""
    rng = random.Random(20261123)
    now = timezone.now()
    today = timezone.localdate()
    practice = Practice.objects.create(
        name="Harbour Massage Clinic",
        address="1 Quay Street\nPort Town\nPT1 1AA",
        phone="+1 555 010 9999",
        email="desk@harbour.example",
    )
    users = _users(practice)

    with explicit_timestamps(Client, Intake, Screening, SessionNote, ReferralLetter, Clearance):
        # Clients
        clients = []
        for user, count in zip(users, _client_counts(total_clients), strict=True):
            for _ in range(count):
                index = len(clients)
                first, last = FIRST[index % len(FIRST)], f"{LAST[(index // 7) % len(LAST)]}{index}"
                email = f"{first}.{last}@example.com".lower()
                phone = f"+1 555 {index // 10000:02d}{index % 10000:04d}"
                created = now - datetime.timedelta(days=rng.randint(30, 900))
                clients.append(
                    Client(
                        therapist=user,
                        first_name=first,
                        last_name=last,
                        email=email,
                        phone=phone,
                        date_of_birth=datetime.date(1950 + index % 50, 1 + index % 12, 1),
                        physician_name="Dr. Helen Park",
                        physician_practice="Riverside Family Practice",
                        physician_address="40 Station Road\nRiverside",
                        consent_contact_physician=index % 5 != 0,
                        archived_at=now if index % 40 == 39 else None,
                        search_text=normalise_for_search(f"{first} {last}  {email} {phone}"),
                        phone_digits=digits_only(phone),
                        created_at=created,
                        updated_at=created + datetime.timedelta(days=rng.randint(0, 29)),
                    )
                )
        Client.objects.bulk_create(clients, batch_size=2000)
        by_user = {}
        for client in clients:
            by_user.setdefault(client.therapist_id, []).append(client)
        big, small = users[0], users[1]

        # Intakes and their screenings: each client's intakes a few months apart, the
        # latest sometimes unreviewed; open links for the public pages.
        variants = _answer_variants(rng, today)
        cache = {}
        intake_rows, screening_rows, tiers = [], [], {}
        tokens = {big.pk: [], small.pk: []}
        open_for = {big.pk: OPEN_LINKS, small.pk: 60}
        submitted_per_client = max(1, (intakes - OPEN_LINKS - 60) // total_clients)
        spare = intakes - OPEN_LINKS - 60 - submitted_per_client * total_clients
        for position, client in enumerate(clients):
            count = submitted_per_client + (1 if position < spare else 0)
            for n in range(count):
                days_ago = (count - n) * 90 - rng.randint(0, 60)
                submitted = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8))
                # one client in forty has a red flag on the latest intake, to be cleared
                variant = rng.randrange(len(variants))
                if n == count - 1 and position % 40 == 7:
                    variant = len(variants) - 2 - position % 2
                key = (variant, client.date_of_birth)
                if key not in cache:
                    cache[key] = _screened(client, variants[variant], today)
                answers, result, flags = cache[key]
                answers = {
                    **answers,
                    "first_name": client.first_name,
                    "last_name": client.last_name,
                    "signature_name": client.full_name,
                }
                reviewed = not (n == count - 1 and position % 33 == 0)
                intake = Intake(
                    client=client,
                    therapist_id=client.therapist_id,
                    token_hash=hash_token(f"used-{position}-{n}"),
                    expires_at=submitted + datetime.timedelta(days=13),
                    answers=answers,
                    sections_done=["about", "complaint", "screening", "history", "consent"],
                    submitted_at=submitted,
                    reviewed_by_id=client.therapist_id if reviewed else None,
                    reviewed_at=submitted + datetime.timedelta(hours=20) if reviewed else None,
                    created_at=submitted - datetime.timedelta(days=1),
                    updated_at=submitted,
                )
                intake_rows.append(intake)
                screening_rows.append(
                    Screening(
                        intake=intake,
                        rules_version=result.rules_version,
                        screened_on=timezone.localdate(submitted),
                        tier=result.tier,
                        flags=flags,
                        created_at=submitted,
                    )
                )
                tiers[client.pk] = result.tier
                # What intake_submit copies onto the record: the latest screening.
                client.screening_tier = result.tier
                client.screened_at = client.screening_submitted_at = submitted
        for user_pk, count in open_for.items():
            owned = [c for c in by_user[user_pk] if c.archived_at is None]
            for n in range(count):
                client = owned[n % len(owned)]
                token = f"bench-{user_pk}-{n}-" + hashlib.sha256(f"{n}".encode()).hexdigest()[:20]
                intake_rows.append(
                    Intake(
                        client=client,
                        therapist_id=user_pk,
                        token_hash=hash_token(token),
                        expires_at=now + datetime.timedelta(days=14),
                        created_at=now,
                        updated_at=now,
                    )
                )
                tokens[user_pk].append(token)
        Intake.objects.bulk_create(intake_rows, batch_size=2000)
        for screening in screening_rows:
            screening.intake_id = screening.intake.pk
        Screening.objects.bulk_create(screening_rows, batch_size=2000)
        Client.objects.bulk_update(
            [c for c in clients if c.screening_tier],
            ["screening_tier", "screened_at", "screening_submitted_at"],
            batch_size=1000,
        )

        # Session notes: the heavy clients first, then spread over everyone.
        complaints = list(Complaint.objects.all())
        techniques = [t for t in Technique.objects.all() if not t.restricted_by]
        plan = []
        big_clients = [c for c in by_user[big.pk] if c.archived_at is None]
        heavy = big_clients[:HEAVY_CLIENTS]
        for client in heavy:
            plan += [client] * HEAVY_NOTES
        small_share = round(notes * SMALL / total_clients)
        plan += [rng.choice(by_user[small.pk]) for _ in range(small_share)]
        heavy_pks = {c.pk for c in heavy}
        others = [c for c in clients if c.therapist_id != small.pk and c.pk not in heavy_pks]
        while len(plan) < notes:
            plan.append(rng.choice(others))
        note_rows, per_client = [], {}
        for client in plan:
            per_client[client.pk] = per_client.get(client.pk, 0) + 1
        note_totals = dict(per_client)
        todays = {big.pk: 8, small.pk: 2}
        for client in plan:
            left = per_client[client.pk]
            per_client[client.pk] -= 1
            day = today - datetime.timedelta(days=7 * left + rng.randint(0, 3))
            if (
                todays.get(client.therapist_id)
                and left == 1
                and (client.pk in heavy_pks or client.therapist_id == small.pk)
            ):
                day = today
                todays[client.therapist_id] -= 1
            created = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            signed = day < today
            before = rng.randint(3, 9)
            note_rows.append(
                SessionNote(
                    client=client,
                    therapist_id=client.therapist_id,
                    session_date=day,
                    duration_minutes=rng.choice([30, 45, 60, 90]),
                    subjective="Ache in the right low back after gardening.",
                    pain_before=before,
                    findings="Right QL hypertonic, trigger point at L3 level.",
                    assessment="Muscular low back pain, responding.",
                    plan="Weekly for three weeks.",
                    pressure="moderate",
                    pain_after=max(0, before - rng.randint(0, 4)),
                    psfs_activity_1="Sitting at work" if rng.random() < 0.4 else "",
                    psfs_score_1=rng.randint(2, 9) if rng.random() < 0.4 else None,
                    signed_at=created + datetime.timedelta(hours=2) if signed else None,
                    signed_by_id=client.therapist_id if signed else None,
                    created_at=created,
                    updated_at=created,
                )
            )
        SessionNote.objects.bulk_create(note_rows, batch_size=5000)
        ComplaintLink = SessionNote.complaints.through
        TechniqueLink = SessionNote.techniques.through
        ComplaintLink.objects.bulk_create(
            [
                ComplaintLink(sessionnote_id=n.pk, complaint_id=rng.choice(complaints).pk)
                for n in note_rows
            ],
            batch_size=10000,
        )
        TechniqueLink.objects.bulk_create(
            [
                TechniqueLink(sessionnote_id=n.pk, technique_id=rng.choice(techniques).pk)
                for n in note_rows
            ],
            batch_size=10000,
        )

        # Letters, mostly to clients whose screening asks for a physician, of every status;
        # replied ones have the clearance they recorded.
        flagged = [c for c in clients if tiers.get(c.pk) in NEEDS_PHYSICIAN]
        rng.shuffle(flagged)
        flagged_pks = {c.pk for c in flagged}
        pool = flagged + [c for c in clients if c.pk not in flagged_pks]
        letter_rows, clearance_rows, reply_for = [], [], []
        sha = hashlib.sha256(pdf).hexdigest()
        # One stored file named by every final letter: the benchmark reads letters, it never
        # erases them (the app itself writes one file a letter).
        pdf_name = write_letter_file(pdf)
        statuses = ["draft", "final", "sent", "sent", "replied"]
        for n in range(letters):
            client = pool[n % len(pool)]
            status = statuses[n % len(statuses)]
            created = now - datetime.timedelta(days=rng.randint(1, 200))
            letter = ReferralLetter(
                client=client,
                author_id=client.therapist_id,
                physician_name=client.physician_name,
                physician_practice=client.physician_practice,
                physician_address=client.physician_address,
                consent_contact_physician=client.consent_contact_physician,
                subject="Request for assessment and clearance for massage therapy",
                reason="Their answers raise concerns that need a physician's assessment.",
                complaint='In the client\'s own words: "Dull ache in my lower back."',
                history="- Conditions: none given",
                findings="",
                request="I would be grateful if you would assess them.",
                status=status,
                created_at=created,
                updated_at=created,
            )
            if status != "draft":
                letter.letter_date = timezone.localdate(created)
                letter.finalised_at = created
                letter.pdf = pdf_name
                letter.pdf_sha256 = sha
            if status in ("sent", "replied"):
                letter.sent_on = letter.letter_date + datetime.timedelta(days=1)
                letter.sent_via = "fax" if client.consent_contact_physician else "client"
            if status == "replied":
                outcome = rng.choice(["granted", "restricted", "declined"])
                clearance_rows.append(
                    Clearance(
                        client=client,
                        outcome=outcome,
                        restrictions="No deep pressure on the lower back."
                        if outcome == "restricted"
                        else "",
                        physician_name=client.physician_name,
                        received_on=letter.sent_on + datetime.timedelta(days=5),
                        recorded_by_id=client.therapist_id,
                        recorded_at=now - datetime.timedelta(days=rng.randint(0, 20)),
                    )
                )
                reply_for.append(letter)
            letter_rows.append(letter)
        ReferralLetter.objects.bulk_create(letter_rows, batch_size=500)
        Clearance.objects.bulk_create(clearance_rows, batch_size=2000)
        LetterReply.objects.bulk_create(
            [
                LetterReply(letter=letter, clearance=clearance)
                for letter, clearance in zip(reply_for, clearance_rows, strict=True)
            ],
            batch_size=2000,
        )
        # What the services keep on each client: the hold worked out from their history.
        holds = care_holds(screening_rows, clearance_rows)
        held = [c for c in clients if c.pk in holds]
        for client in held:
            client.care_hold, client.care_hold_since = holds[client.pk]
        Client.objects.bulk_update(held, ["care_hold", "care_hold_since"], batch_size=1000)

    schedule_weeks = _seed_appointments(practice, [big, small], by_user, rng, now)

    def final_letters(user):
        return list(
            ReferralLetter.objects.filter(client__therapist=user)
            .exclude(status="draft")
            .values_list("pk", flat=True)[:50]
        )

    return {
        "users": {"big": big.pk, "small": small.pk},
        "tokens": tokens,
        "heavy_clients": [c.pk for c in heavy],
        "small_client": max(by_user[small.pk], key=lambda c: note_totals.get(c.pk, 0)).pk,
        "final_letters": {"big": final_letters(big), "small": final_letters(small)},
        "draft_letter": ReferralLetter.objects.filter(client__therapist=big, status="draft")
        .values_list("pk", flat=True)
        .first(),
        "tiers": sorted({EMERGENCY, REFER, CAUTION, CLEAR} & set(tiers.values())),
        "schedule_weeks": schedule_weeks,
    }


APPOINTMENTS_PER_WEEK = 40  # 8 a day, Monday to Friday
WEEKS_BACK, WEEKS_AHEAD = 8, 4


def _seed_appointments(practice, users, by_user, rng, now):
    """A full practice week for each user (40 appointments: 8 a day, 9:00 to 16:45) from
    WEEKS_BACK weeks ago to WEEKS_AHEAD ahead, with working hours; returns the Mondays
    (ISO dates) of the weeks around this one, for the week view's URLs."""
    from schedule.hours import local_to_utc, practice_zone
    from schedule.models import Appointment, AppointmentType, WorkingHours

    zone = practice_zone(practice)
    kind = AppointmentType.objects.create(
        practice=practice, name="Massage, 45 minutes", duration_minutes=45, buffer_minutes=15
    )
    today = timezone.localdate(timezone=zone)
    this_monday = today - datetime.timedelta(days=today.weekday())
    rows = []
    for user in users:
        WorkingHours.objects.bulk_create(
            WorkingHours(
                therapist=user,
                weekday=weekday,
                start_time=datetime.time(9),
                end_time=datetime.time(17),
                valid_from=datetime.date(2020, 1, 1),
            )
            for weekday in range(5)
        )
        clients = by_user[user.pk]
        for week in range(-WEEKS_BACK, WEEKS_AHEAD + 1):
            monday = this_monday + datetime.timedelta(weeks=week)
            for index in range(APPOINTMENTS_PER_WEEK):
                day, slot = divmod(index, APPOINTMENTS_PER_WEEK // 5)
                local = datetime.datetime.combine(
                    monday + datetime.timedelta(days=day), datetime.time(9 + slot)
                )
                start = local_to_utc(local, zone)
                end = start + kind.duration
                rows.append(
                    Appointment(
                        client=rng.choice(clients),
                        therapist=user,
                        appointment_type=kind,
                        start=start,
                        end=end,
                        blocked_until=end + kind.buffer,
                        status="completed" if end < now else "booked",
                        booked_by=user,
                    )
                )
    Appointment.objects.bulk_create(rows, batch_size=2000)
    return [(this_monday + datetime.timedelta(weeks=w)).isoformat() for w in (-1, 0, 1)]
