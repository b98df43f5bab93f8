"""The schedule's pages as each role sees them: booking, moving, cancelling, marking, the
days and the week, the owner's settings, the dashboard's "Today"."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import Therapist
from messaging.models import Message
from schedule.models import Appointment, AppointmentType, WorkingHours
from tests.factories import (
    REFER_ANSWERS,
    AppointmentTypeFactory,
    ClientFactory,
    book,
    make_submitted_intake,
    make_therapist,
    next_weekday,
    open_every_day,
)

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


@pytest.fixture
def toronto(practice):
    practice.time_zone = "America/Toronto"
    practice.save()
    return practice


@pytest.fixture
def massage(toronto):
    return AppointmentTypeFactory(practice=toronto, name="Massage 60", duration_minutes=60)


@pytest.fixture
def open_alice(alice, toronto):
    open_every_day(alice)
    return alice


@pytest.fixture
def front_desk(client, practice):
    user = make_therapist(practice, "frank", "Frank", "Desk", designation="")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.FRONT_DESK)
    client.force_login(user)
    return client


@pytest.fixture
def owner(client, practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


def _monday():
    return next_weekday(0, at="10:00", zone="America/Toronto")


def _book_post(client_pk, kind, day, time="10:00", **extra):
    return {
        "client": client_pk,
        "appointment_type": kind.pk,
        "date": day.isoformat(),
        "time": time,
        "submission_key": "a" * 24,
        **extra,
    }


def test_a_therapist_books_from_the_page_in_the_practice_s_time(
    as_alice, open_alice, alice_client, massage
):
    url = reverse("schedule:book") + f"?client={alice_client.pk}"
    page = as_alice.get(url)
    assert page.status_code == 200
    assert "Book Zoë Núñez" in page.content.decode()
    day = _monday().date()
    response = as_alice.post(url, _book_post(alice_client.pk, massage, day, "10:00"))
    appointment = Appointment.objects.get()
    assert response.status_code == 302 and response["Location"] == appointment.get_absolute_url()
    assert appointment.start.astimezone(TORONTO).time() == datetime.time(10)
    assert appointment.booked_by.username == "alice"
    # Its messages were queued with it.
    assert Message.objects.filter(topic=f"appointment:{appointment.pk}").exists()
    detail = as_alice.get(response["Location"]).content.decode()
    assert "10:00–11:00" in detail


def test_a_clash_is_shown_next_to_the_time_and_nothing_typed_is_lost(
    as_alice, open_alice, alice_client, massage
):
    day = _monday().date()
    book(ClientFactory(therapist=open_alice), massage, _monday())
    url = reverse("schedule:book") + f"?client={alice_client.pk}"
    response = as_alice.post(url, _book_post(alice_client.pk, massage, day, "10:30"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "already has an appointment" in form.errors["time"][0]
    html = response.content.decode()
    assert f'value="{day.isoformat()}"' in html and 'value="10:30"' in html
    assert Appointment.objects.count() == 1


def test_a_time_the_clocks_skip_is_explained_next_to_the_time(
    as_alice, open_alice, alice_client, massage
):
    year = timezone.localdate().year + 1
    march = datetime.date(year, 3, 8)
    spring = march + datetime.timedelta(days=(6 - march.weekday()) % 7)  # 2nd Sunday
    url = reverse("schedule:book") + f"?client={alice_client.pk}"
    response = as_alice.post(url, _book_post(alice_client.pk, massage, spring, "02:30"))
    assert "does not exist in America/Toronto" in response.context["form"].errors["time"][0]
    assert not Appointment.objects.exists()


def test_the_client_search_finds_only_reachable_clients(as_bob, alice_client, bob):
    response = as_bob.get(reverse("schedule:book") + "?q=Núñez")
    assert response.context["found"] == []
    assert "zoe.nunez@example.com" not in response.content.decode()
    assert as_bob.get(reverse("schedule:book") + f"?client={alice_client.pk}").status_code == 404


def test_a_therapist_s_day_shows_intake_status_and_the_tier_badge(
    as_alice, open_alice, alice_client, massage
):
    make_submitted_intake(alice_client, REFER_ANSWERS)
    appointment = book(alice_client, massage, _monday())
    day = appointment.start.astimezone(TORONTO).date()
    html = as_alice.get(reverse("schedule:day") + f"?date={day}").content.decode()
    assert "Zoë Núñez" in html
    assert "Intake: Submitted" in html
    assert "tier-badge tier-refer" in html
    assert "10:00</time>–11:00" in html
    # The machine-readable time is the practice's local one, as |date:"c" wrote it.
    assert f'datetime="{appointment.start.astimezone(TORONTO).isoformat()}"' in html


def test_the_front_desk_sees_the_practice_day_without_tier_badges(
    front_desk, open_alice, alice_client, massage, bob
):
    make_submitted_intake(alice_client, REFER_ANSWERS)
    appointment = book(alice_client, massage, _monday())
    day = appointment.start.astimezone(TORONTO).date()
    response = front_desk.get(reverse("schedule:practice-day") + f"?date={day}")
    html = response.content.decode()
    assert [c.therapist.username for c in response.context["columns"]] == ["alice", "bob"]
    assert "Zoë Núñez" in html and "Intake: Submitted" in html
    assert "tier-badge" not in html
    assert "Refer" not in html
    # The client's link is to contact details, not the clinical record.
    assert reverse("clients:client-update", args=[alice_client.pk]) in html
    assert f'href="{reverse("dashboard:client-detail", args=[alice_client.pk])}"' not in html


def test_the_front_desk_books_moves_marks_arrival_and_cancels(
    front_desk, open_alice, alice_client, massage
):
    url = reverse("schedule:book") + f"?client={alice_client.pk}"
    day = _monday().date()
    front_desk.post(url, _book_post(alice_client.pk, massage, day, "10:00"))
    appointment = Appointment.objects.get()
    assert appointment.booked_by.username == "frank"
    detail = front_desk.get(appointment.get_absolute_url()).content.decode()
    assert "Mark completed" not in detail and "Start a note" not in detail
    move = reverse("schedule:appointment-move", args=[appointment.pk])
    response = front_desk.post(
        move, {"appointment_type": massage.pk, "date": day.isoformat(), "time": "14:00"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.start.astimezone(TORONTO).time() == datetime.time(14)
    mark = reverse("schedule:appointment-mark", args=[appointment.pk])
    front_desk.post(mark, {"status": "completed"})
    appointment.refresh_from_db()
    assert appointment.status == "booked"  # refused: the therapist says a session took place
    front_desk.post(mark, {"status": "confirmed"})
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"
    cancel = reverse("schedule:appointment-cancel", args=[appointment.pk])
    front_desk.post(cancel, {"reason": "Called to cancel"})
    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancellation_reason) == (
        "cancelled",
        "Called to cancel",
    )


def test_a_move_into_a_clash_keeps_what_was_typed(as_alice, open_alice, alice_client, massage):
    appointment = book(alice_client, massage, _monday())
    other = book(
        ClientFactory(therapist=open_alice), massage, _monday() + datetime.timedelta(hours=3)
    )
    move = reverse("schedule:appointment-move", args=[appointment.pk])
    local = other.start.astimezone(TORONTO)
    response = as_alice.post(
        move, {"appointment_type": massage.pk, "date": local.date().isoformat(), "time": "13:00"}
    )
    assert "already has an appointment" in response.context["form"].errors["time"][0]
    assert 'value="13:00"' in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.start == _monday()


def test_the_week_shows_seven_days_in_a_fixed_number_of_queries(
    as_alice, open_alice, alice_client, massage
):
    monday = _monday()

    def week_queries():
        with CaptureQueriesContext(connection) as queries:
            response = as_alice.get(reverse("schedule:week") + f"?date={monday.date()}")
        assert response.status_code == 200
        return len(queries), response

    book(alice_client, massage, monday)
    few, response = week_queries()
    assert len(response.context["days"]) == 7
    clients = [ClientFactory(therapist=open_alice) for _ in range(12)]
    for index, client in enumerate(clients):
        day, slot = divmod(index, 4)
        book(client, massage, monday + datetime.timedelta(days=day, minutes=75 * (slot + 1)))
    many, response = week_queries()
    assert sum(len(day.rows) for day in response.context["days"]) == 13
    assert many == few


def test_the_dashboard_today_lists_today_s_appointments_with_a_note_link(
    as_alice, alice, alice_client, massage, toronto
):
    now = timezone.now().astimezone(TORONTO)
    # Today's appointment, written directly: the booking service refuses the past hour.
    start = now.replace(minute=0, second=0, microsecond=0)
    Appointment.objects.create(
        client=alice_client,
        therapist=alice,
        appointment_type=massage,
        start=start,
        end=start + datetime.timedelta(hours=1),
        blocked_until=start + datetime.timedelta(hours=1),
    )
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    assert "Today's appointments" in html
    assert "Zoë Núñez" in html and "Intake: No intake" in html
    assert reverse("notes:note-create", args=[alice_client.pk]) in html
    assert f"{start:%H:%M}" in html


def test_the_owner_adds_a_type_and_a_duplicate_name_is_refused(owner, practice):
    url = reverse("schedule:types")
    data = {
        "name": "First visit",
        "kind": "first_visit",
        "duration_minutes": 75,
        "buffer_minutes": 15,
        "active": "on",
    }
    assert owner.post(url, data).status_code == 302
    response = owner.post(url, {**data, "name": "first  visit"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "has a type of this name" in response.context["form"].errors["name"][0]
    assert 'value="first  visit"' in response.content.decode()  # as typed
    assert AppointmentType.objects.filter(practice=practice).count() == 1


def test_the_owner_sets_working_hours_and_a_wrong_end_is_shown_next_to_it(owner, alice):
    url = reverse("schedule:hours")
    data = {
        "form": "hours",
        "therapist": alice.pk,
        "weekday": 0,
        "start_time": "17:00",
        "end_time": "09:00",
        "valid_from": "2026-01-05",
    }
    response = owner.post(url, data)
    assert response.context["hours_form"].errors["end_time"]
    assert not WorkingHours.objects.exists()
    assert owner.post(url, {**data, "start_time": "09:00", "end_time": "17:00"}).status_code == 302
    assert WorkingHours.objects.get().therapist == alice


def test_a_therapist_cannot_open_the_owner_s_settings(as_alice):
    assert as_alice.get(reverse("schedule:types")).status_code == 404
    assert as_alice.get(reverse("schedule:hours")).status_code == 404


def test_time_off_over_booked_appointments_says_how_many(owner, alice, alice_client, massage):
    open_every_day(alice)
    appointment = book(alice_client, massage, _monday())
    day = appointment.start.astimezone(TORONTO).date().isoformat()
    data = {"form": "time-off", "therapist": alice.pk, "first_day": day, "last_day": day}
    response = owner.post(reverse("schedule:hours"), data, follow=True)
    assert "1 appointment is booked in this time off" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "booked"


def test_opening_the_booking_form_for_a_client_is_audited(as_alice, alice_client):
    from audit.models import Event

    as_alice.get(reverse("schedule:book") + f"?client={alice_client.pk}")
    assert Event.objects.filter(
        action="view", object_type="clients.client", client_pk=alice_client.pk
    ).exists()
