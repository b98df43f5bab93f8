"""Test factories (factory_boy) and one-line set-ups that go through the real services.

Tests import what they need from here, never from a conftest module.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from clients.models import Client, Practice, Therapist

PASSWORD = "correct-horse-battery"

# A screening that asks for a physician: cancer history, night pain and a recent clot.
REFER_ANSWERS = {
    "main_complaint": "Dull ache in my lower back that wakes me up at night.",
    "pain_now": 4,
    "pain_worst_week": 7,
    "pain_duration": "over_12_weeks",
    "pain_onset": "gradual",
    "cancer_history": True,
    "night_pain_unrelieved": True,
    "blood_clot_recent": True,
}


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    name = "Harbour Massage Clinic"
    address = "1 Quay Street\nPort Town\nPT1 1AA"
    phone = "+1 555 010 9999"
    email = "desk@harbour.example"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"therapist{n}")
    first_name = "Alex"
    last_name = "Kim"
    email = factory.LazyAttribute(lambda user: f"{user.username}@harbour.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class TherapistFactory(factory.django.DjangoModelFactory):
    """A staff login with its therapist profile; `.user` is what owns clients."""

    class Meta:
        model = Therapist

    user = factory.SubFactory(UserFactory)
    practice = factory.SubFactory(PracticeFactory)
    designation = "RMT"
    licence_number = factory.LazyAttribute(lambda t: f"{t.user.username}-001")


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    therapist = factory.LazyFunction(lambda: TherapistFactory().user)
    first_name = factory.Sequence(lambda n: f"Client{n}")
    last_name = "Example"
    date_of_birth = datetime.date(1980, 5, 1)


def make_therapist(practice, username, first_name, last_name, designation="RMT"):
    """A therapist's user in `practice`, with the test password."""
    user = UserFactory(username=username, first_name=first_name, last_name=last_name)
    TherapistFactory(user=user, practice=practice, designation=designation)
    return user


def make_submitted_intake(client, answers, on_date=None, reviewed=False):
    """An intake the client has submitted, screened by the current rules.

    Goes through the same services as the questionnaire, without its pages, so tests of
    later features (session notes, referral letters) set up a screening in one line.
    """
    from intake.demo import signed_answers
    from intake.services import intake_link_create, intake_review_acknowledge, intake_submit

    intake, _ = intake_link_create(therapist=client.therapist, client=client)
    intake = intake_submit(
        intake=intake, answers=signed_answers(client, **answers), on_date=on_date
    )
    if reviewed:
        intake_review_acknowledge(intake=intake, by=client.therapist)
    return intake


def note_form_data(**overrides):
    """A valid POST of the session-note form."""
    data = {
        "session_date": timezone.localdate().isoformat(),
        "duration_minutes": "60",
        "subjective": "Ache in the right low back after gardening.",
        "pain_before": "6",
        "complaints": ["quadratus_lumborum"],
        "findings": "Right QL hypertonic, trigger point at L3 level.",
        "techniques": ["neuromuscular_therapy", "muscle_energy_technique"],
        "pressure": "moderate",
        "assessment": "Muscular low back pain, responding.",
        "plan": "Weekly for three weeks.",
        "self_care": ["side_bend_stretch", "heat"],
        "self_care_notes": "",
        "pain_after": "3",
        "save": "1",
    }
    data.update(overrides)
    return data


def make_note(client, *, day=None, pain_before=6, pain_after=3, **fields):
    """A draft session note for `client`, written through the notes service. A client who
    has never sent an intake first gets one answered no throughout (the service refuses a
    note for a client whose health is unknown)."""
    from intake.selectors import latest_screening
    from notes import services

    if latest_screening(client) is None:
        make_submitted_intake(client, {}, on_date=day, reviewed=True)

    data = {
        "session_date": day or timezone.localdate(),
        "duration_minutes": 60,
        "subjective": "Ache in the right low back after gardening.",
        "pain_before": pain_before,
        "pain_after": pain_after,
        "complaints": ["quadratus_lumborum"],
        "techniques": ["neuromuscular_therapy"],
        "self_care": ["side_bend_stretch", "heat"],
        **fields,
    }
    return services.note_create(client=client, therapist=client.therapist, data=data)


def pass_two_factor(client, user):
    """Give the test client's signed-in user a confirmed authenticator and a verified session.

    What the code page does after a right code; for tests of pages that need two-factor
    (the admin) but are not about it.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def open_enrolment_link(client, user):
    """A one-time two-factor enrolment link for `user`, opened in the test client's session,
    as the staff member does with the owner's email; returns the link's token."""
    from accounts.enrolment import enrolment_link_create

    _, token = enrolment_link_create(request=None, user=user)
    client.get(f"/account/two-factor/enrol/{token}/")
    return token


class AppointmentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "schedule.AppointmentType"

    practice = factory.SubFactory(PracticeFactory)
    name = factory.Sequence(lambda n: f"Massage {n}")
    duration_minutes = 60
    buffer_minutes = 15
    kind = "return"


def open_every_day(therapist, start="09:00", end="17:00", valid_from=None):
    """Working hours for `therapist` on every day of the week, start to end, local time."""
    from schedule.services import working_hours_add

    for weekday in range(7):
        working_hours_add(
            therapist=therapist,
            weekday=weekday,
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            valid_from=valid_from or datetime.date(2020, 1, 1),
        )


def next_weekday(weekday, *, at="10:00", zone="UTC", weeks_ahead=1):
    """An aware datetime: the given weekday (0 = Monday) at least a week from today, at the
    local time `at` in `zone`."""
    import zoneinfo

    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 * weeks_ahead + (weekday - today.weekday()) % 7)
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(at), tzinfo=zoneinfo.ZoneInfo(zone)
    )


def book(client, appointment_type, start, by=None):
    """An appointment of `client` with their therapist, through the booking service."""
    from schedule.services import appointment_book

    return appointment_book(
        client=client,
        appointment_type=appointment_type,
        start=start,
        booked_by=by or client.therapist,
    )
