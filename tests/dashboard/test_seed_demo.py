import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from clients.models import Client, Practice, Therapist


def test_seed_demo_is_idempotent_and_uses_the_given_password(db, capsys):
    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-123")
    assert Practice.objects.count() == 1
    assert Therapist.objects.count() == 4
    for username in ("demo", "demo2"):
        user = authenticate(username=username, password="demo-pass-123")
        assert user is not None
        assert Client.objects.filter(therapist=user).count() == (13 if username == "demo" else 12)
    assert Therapist.objects.get(user__username="demo").licence_number


def test_seed_demo_makes_an_owner_and_a_front_desk_and_prints_every_login_with_its_role(db, capsys):
    call_command("seed_demo", password="demo-pass-123")
    output = capsys.readouterr().out
    roles = {"demo": "therapist", "demo2": "therapist", "owner": "owner", "desk": "front_desk"}
    for username, role in roles.items():
        user = authenticate(username=username, password="demo-pass-123")
        assert user is not None, username
        assert user.therapist.role == role
        assert user.therapist.practice == Practice.objects.get()
        line = next(line for line in output.splitlines() if f"'{username}'" in line)
        assert user.therapist.get_role_display().lower() in line
        assert ": " in line.split("demo-pass-123")[-1]  # what to try with it
    # Neither the owner nor the desk is given clients: the owner sees the therapists'.
    assert not Client.objects.filter(therapist__username__in=["owner", "desk"]).exists()


def test_seed_demo_puts_back_a_demo_login_s_role_changed_while_trying_it(db, capsys):
    call_command("seed_demo", password="demo-pass-123")
    Therapist.objects.filter(user__username="demo").update(role=Therapist.Role.FRONT_DESK)
    call_command("seed_demo", password="demo-pass-123")
    assert Therapist.objects.get(user__username="demo").role == Therapist.Role.THERAPIST


def test_seed_demo_prints_a_generated_password_that_works(db, capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    password = output.split("with password ")[1].split()[0]
    assert authenticate(username="demo", password=password) is not None


@pytest.mark.slow
def test_seed_demo_prints_a_working_link_to_the_clients_questionnaire(db, capsys, client):
    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-123")  # a new link replaces the old one
    output = capsys.readouterr().out
    first_link, second_link = [
        line.split(": ", 1)[1] for line in output.splitlines() if "questionnaire" in line
    ]
    assert first_link != second_link
    path = "/" + second_link.split("/", 3)[3]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "Fatima" in response.content.decode()
    old_path = "/" + first_link.split("/", 3)[3]
    assert client.get(old_path).status_code == 404


@pytest.mark.slow
def test_seed_demo_fills_this_week_s_schedule_once(db, capsys):
    from schedule.models import Appointment, AppointmentType, WorkingHours

    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-123")
    assert AppointmentType.objects.count() == 3
    assert WorkingHours.objects.filter(therapist__username="demo").count() == 7
    assert Appointment.objects.filter(therapist__username="demo").count() == 28
    assert Appointment.objects.filter(therapist__username="demo2").count() == 14


@pytest.mark.slow
def test_the_demo_sends_no_email_when_the_worker_starts(db, capsys):
    from django.core import mail

    from messaging.models import Message
    from messaging.services import messages_deliver_due

    call_command("seed_demo", password="demo-pass-123")

    messages_deliver_due()
    assert mail.outbox == []
    assert not Message.objects.filter(status=Message.Status.PENDING).exists()
