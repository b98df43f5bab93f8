"""python manage.py create_intake_link prints the full URL of a new intake link."""

import base64
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from clients.models import Client
from intake.models import Intake, hash_token

URL = re.compile(re.escape(settings.SITE_URL) + r"/intake/f/(?P<token>[A-Za-z0-9_-]+)/")


def create_link(capsys, *args):
    call_command("create_intake_link", *args)
    out = capsys.readouterr().out.strip()
    match = URL.fullmatch(out)
    assert match, f"not an intake URL: {out!r}"
    return out, match["token"]


def test_it_prints_the_full_url_of_a_link_for_an_existing_client(capsys, alice_client):
    url, token = create_link(
        capsys, "--therapist", "alice", "--first-name", "Zoë", "--last-name", "Núñez"
    )
    assert url == settings.SITE_URL + reverse("intake:form", kwargs={"token": token})
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128
    intake = Intake.objects.get()
    assert intake.client == alice_client
    assert intake.token_hash == hash_token(token)
    assert Client.objects.count() == 1


def test_the_printed_url_opens_the_form(capsys, alice_client, client):
    url, _ = create_link(
        capsys, "--therapist", "alice", "--first-name", "Zoë", "--last-name", "Núñez"
    )
    response = client.get(url.removeprefix(settings.SITE_URL), follow=True)
    assert response.status_code == 200
    assert "About you" in response.content.decode()


def test_it_creates_the_client_when_there_is_none(capsys, alice):
    create_link(
        capsys,
        "--therapist",
        "alice",
        "--first-name",
        "Aisha",
        "--last-name",
        "Haddad",
        "--email",
        "aisha@example.com",
        "--days",
        "3",
    )
    client = Client.objects.get(therapist=alice)
    assert (client.full_name, client.email) == ("Aisha Haddad", "aisha@example.com")
    intake = client.intakes.get()
    assert (intake.expires_at - intake.created_at).days in (2, 3)


def test_a_different_email_is_a_different_client(capsys, alice_client):
    create_link(
        capsys,
        *("--therapist", "alice", "--first-name", "Zoë", "--last-name", "Núñez"),
        *("--email", "another.zoe@example.com"),
    )
    assert Client.objects.count() == 2


def test_a_new_link_cancels_the_older_unused_one(capsys, alice_client):
    args = ("--therapist", "alice", "--first-name", "Zoë", "--last-name", "Núñez")
    _, first = create_link(capsys, *args)
    _, second = create_link(capsys, *args)
    assert not Intake.objects.get(token_hash=hash_token(first)).is_open
    assert Intake.objects.get(token_hash=hash_token(second)).is_open


def test_it_can_email_the_link(capsys, alice_client):
    url, _ = create_link(
        capsys,
        *("--therapist", "alice", "--first-name", "Zoë", "--last-name", "Núñez"),
        *("--email", "zoe.nunez@example.com", "--send-email"),
    )
    assert len(mail.outbox) == 1
    assert url in mail.outbox[0].body


@pytest.mark.parametrize(
    "args,message",
    [
        (("--therapist", "nobody"), "No active user is called 'nobody'."),
        (("--therapist", "alice", "--days", "0"), "--days must be from 1 to 60, got 0."),
        (("--therapist", "alice", "--email", "not-an-email"), "is not a valid email address"),
        (("--therapist", "alice", "--send-email"), "--send-email needs --email."),
        (("--therapist", "alice", "--first-name", " "), "must not be blank"),
    ],
)
def test_bad_input_is_a_clear_message_and_creates_nothing(alice, args, message):
    base = {"--first-name": "Aisha", "--last-name": "Haddad"}
    argv = list(args)
    for flag, value in base.items():
        if flag not in argv:
            argv += [flag, value]
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_intake_link", *argv)
    assert not Intake.objects.exists()
    assert not Client.objects.exists()


def test_a_user_without_a_therapist_profile_is_refused(db, django_user_model):
    django_user_model.objects.create_user(username="admin", password="x")
    with pytest.raises(CommandError, match="is not a therapist"):
        call_command(
            "create_intake_link", "--therapist", "admin", "--first-name", "A", "--last-name", "B"
        )


def test_two_clients_with_the_same_name_need_an_email(alice, alice_client):
    Client.objects.create(therapist=alice, first_name="Zoë", last_name="Núñez", email="z2@e.com")
    with pytest.raises(CommandError, match="add --email to say which one"):
        call_command(
            "create_intake_link",
            "--therapist",
            "alice",
            "--first-name",
            "Zoë",
            "--last-name",
            "Núñez",
        )
    assert not Intake.objects.exists()


def test_another_therapists_client_is_never_used(capsys, alice_client, bob):
    create_link(capsys, "--therapist", "bob", "--first-name", "Zoë", "--last-name", "Núñez")
    intake = Intake.objects.get()
    assert intake.client != alice_client
    assert intake.client.therapist == bob
