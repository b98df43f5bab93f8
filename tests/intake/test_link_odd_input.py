"""Odd input to the therapist's link forms and to the create_intake_link and screen commands:
a message by the field (or one line and an exit status), never an error page or traceback."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from clients.models import Client
from intake.models import Intake

# Valid as an address (EmailValidator allows up to 320 characters) but longer than the
# 254 characters of the email columns.
LONG_EMAIL = ".".join(["a" * 60, "b" * 60, "c" * 60, "d" * 60]) + "@example.com"


def test_a_too_long_email_for_a_new_client_is_a_message_by_the_field(as_alice):
    assert len(LONG_EMAIL) == 255
    response = as_alice.post(
        reverse("intake:link-create"),
        {"first_name": "Ana", "last_name": "Lima", "email": LONG_EMAIL, "days": "14"},
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert not Client.objects.exists()
    assert not Intake.objects.exists()


def test_a_too_long_email_to_send_a_link_to_is_a_message_by_the_field(
    as_alice, alice_client, mailoutbox
):
    response = as_alice.post(
        reverse("intake:client-link-create", args=[alice_client.pk]),
        {"email": LONG_EMAIL, "send_email": "on", "days": "14"},
    )
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert not Intake.objects.exists()
    assert not mailoutbox


def command_error(*args):
    with pytest.raises(CommandError) as error:
        call_command("create_intake_link", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return error.value


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--first-name", "A" * 101, "--last-name", "Lima"), "--first-name"),
        (("--first-name", "Ana", "--last-name", "L" * 101), "--last-name"),
        (("--first-name", "Ana", "--last-name", "Lima", "--email", LONG_EMAIL), "--email"),
    ],
)
def test_create_intake_link_refuses_values_too_long_to_store(alice, args, message):
    error = command_error("--therapist", "alice", *args)
    assert message in str(error)
    assert "at most" in str(error)
    assert not Client.objects.exists()
    assert not Intake.objects.exists()


def test_create_intake_link_refuses_a_nul_character(alice):
    # A shell cannot pass one, but call_command (and scripts using it) can.
    error = command_error("--therapist", "alice", "--first-name", "A\x00na", "--last-name", "Li")
    assert "--first-name" in str(error)
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000,  # deeper than the JSON parser's recursion limit
        '{"pain_now": ' + "9" * 5000 + "}",  # more digits than Python converts
    ],
)
def test_screen_reports_pathological_json_in_one_line(tmp_path, content):
    path = tmp_path / "answers.json"
    path.write_text(content)
    with pytest.raises(CommandError) as error:
        call_command("screen", str(path), stdout=io.StringIO())
    assert "is not valid JSON" in str(error.value)
    assert error.value.returncode == 2
