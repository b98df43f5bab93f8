"""Sending the questionnaire: one atomic submission, its screening, and the client's record."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from intake import services
from intake.models import Intake, Screening, Tier
from screening.questions import REQUIRED_SCREENING, AnswersError
from screening.rules import RULES_VERSION
from tests.intake.questionnaire import fill_in, form_url, make_link, valid_post

ON_DATE = datetime.date(2026, 11, 2)


def answers(**changes):
    """A complete, valid answer dict as the forms produce it (JSON: dates as strings)."""
    return {
        "first_name": "Zoë",
        "last_name": "Núñez",
        "date_of_birth": "1986-03-14",
        "email": "zoe.new@example.com",
        "phone": "+1 555 010 4040",
        "emergency_contact_name": "Ana Núñez",
        "emergency_contact_phone": "+1 555 010 5050",
        "physician_name": "Dr. Omar Reyes",
        "physician_email": "reception@harbourhealth.example",
        "consent_contact_physician": True,
        "pain_areas": ["lower_back_left"],
        "pain_now": 4,
        "medications": "Ibuprofen",
        "allergies": "Penicillin",
        "consent_treatment": True,
        "signature_name": "Zoë Núñez",
        **{id: False for id in REQUIRED_SCREENING},
        **changes,
    }


def test_submission_stores_answers_screening_and_rules_version(link):
    intake, _ = link
    intake.draft_answers = {"about": {"first_name": "Zoë"}}
    intake.save()
    services.intake_submit(intake=intake, answers=answers(saddle_numbness=True), on_date=ON_DATE)

    intake = Intake.objects.get(pk=intake.pk)
    assert intake.is_submitted
    assert intake.draft_answers == {}
    assert intake.answers["date_of_birth"] == "1986-03-14"  # JSON-safe: ISO text
    assert intake.answers["saddle_numbness"] is True
    screening = intake.screening
    assert screening.tier == Tier.EMERGENCY
    assert screening.rules_version == RULES_VERSION
    assert screening.screened_on == ON_DATE
    assert not screening.is_rescreen
    flag = screening.flags[0]
    assert flag["id"] == "saddle_numbness"
    assert set(flag) == {
        "id",
        "tier",
        "reason",
        "physician_sentence",
        "source",
        "restriction",
        "restricts_techniques",
    }


def test_submission_updates_the_client_record(link, alice_client):
    intake, _ = link
    services.intake_submit(intake=intake, answers=answers(), on_date=ON_DATE)
    alice_client.refresh_from_db()
    assert alice_client.email == "zoe.new@example.com"
    assert alice_client.phone == "+1 555 010 4040"
    assert alice_client.date_of_birth == datetime.date(1986, 3, 14)
    assert alice_client.emergency_contact_name == "Ana Núñez"
    assert alice_client.physician_name == "Dr. Omar Reyes"
    assert alice_client.physician_email == "reception@harbourhealth.example"
    assert alice_client.consent_contact_physician is True
    assert alice_client.medications == "Ibuprofen"
    assert alice_client.allergies == "Penicillin"
    # Questions the client left blank do not wipe what the therapist already had.
    assert alice_client.physician_practice == "Riverside Family Practice"
    assert alice_client.conditions == ""
    # The record's search sees the new details.
    assert alice_client.phone_digits == "15550104040"


def test_saying_no_to_contacting_the_doctor_is_stored_on_the_record(link, alice_client):
    alice_client.consent_contact_physician = True
    alice_client.save()
    intake, _ = link
    services.intake_submit(
        intake=intake, answers=answers(consent_contact_physician=False), on_date=ON_DATE
    )
    alice_client.refresh_from_db()
    assert alice_client.consent_contact_physician is False


def test_screening_date_defaults_to_today_in_the_practice_time_zone(link):
    intake, _ = link
    services.intake_submit(intake=intake, answers=answers())
    assert Intake.objects.get(pk=intake.pk).screening.screened_on == timezone.localdate()


def test_a_second_submission_is_refused(link):
    intake, _ = link
    services.intake_submit(intake=intake, answers=answers(), on_date=ON_DATE)
    with pytest.raises(services.IntakeAlreadySubmittedError):
        services.intake_submit(
            intake=intake, answers=answers(first_name="Mallory"), on_date=ON_DATE
        )
    # Even through a stale copy of the row that still looks unsubmitted.
    stale = Intake.objects.get(pk=intake.pk)
    stale.submitted_at = None
    with pytest.raises(services.IntakeAlreadySubmittedError):
        services.intake_submit(intake=stale, answers=answers(), on_date=ON_DATE)
    intake.refresh_from_db()
    assert intake.answers["first_name"] == "Zoë"
    assert Screening.objects.filter(intake=intake).count() == 1


def test_an_expired_link_cannot_be_submitted(alice_client):
    intake, _ = make_link(alice_client, expires_in=-datetime.timedelta(seconds=1))
    with pytest.raises(services.IntakeExpiredError):
        services.intake_submit(intake=intake, answers=answers(), on_date=ON_DATE)
    assert not Intake.objects.get(pk=intake.pk).is_submitted


@pytest.mark.parametrize(
    ("changes", "bad_id"),
    [
        ({"pain_now": 11}, "pain_now"),
        ({"saddle_numbness": "yes"}, "saddle_numbness"),
        ({"knee_pain": True}, "knee_pain"),
        ({"consent_treatment": False}, "consent_treatment"),
        ({"first_name": ""}, "first_name"),
        ({"signature_name": "Someone Else"}, "signature_name"),
        ({"date_of_birth": "2026-12-01"}, "date_of_birth"),  # after the screening date
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(link, alice_client, changes, bad_id):
    intake, _ = link
    with pytest.raises(AnswersError) as error:
        services.intake_submit(intake=intake, answers=answers(**changes), on_date=ON_DATE)
    assert bad_id in error.value.errors
    intake.refresh_from_db()
    alice_client.refresh_from_db()
    assert not intake.is_submitted
    assert not Screening.objects.exists()
    assert alice_client.email == "zoe.nunez@example.com"


def test_a_record_that_cannot_be_saved_undoes_the_whole_submission(link, alice_client):
    intake, _ = link
    # An email the questionnaire's validator accepts as text but the record refuses.
    with pytest.raises(ValidationError):
        services.intake_submit(intake=intake, answers=answers(email="not-an-email"))
    intake.refresh_from_db()
    assert not intake.is_submitted
    assert not Screening.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_store_one(alice_client):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the row lock is exercised on PostgreSQL")
    intake, _ = make_link(alice_client)
    outcomes = []

    def send():
        try:
            services.intake_submit(
                intake=Intake.objects.get(pk=intake.pk), answers=answers(), on_date=ON_DATE
            )
            outcomes.append("sent")
        except services.IntakeAlreadySubmittedError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "refused", "refused", "sent"]
    assert Screening.objects.filter(intake=intake).count() == 1


def test_rescreen_keeps_the_original_and_adds_a_rescreen(link, alice):
    intake, _ = link
    services.intake_submit(
        intake=intake, answers=answers(pregnant=True, pregnancy_high_risk=False), on_date=ON_DATE
    )
    intake.refresh_from_db()
    original = intake.screening

    rescreen = services.intake_rescreen(intake=intake, by=alice)
    assert rescreen.is_rescreen
    assert rescreen.created_by == alice
    assert rescreen.rules_version == RULES_VERSION
    assert rescreen.screened_on == ON_DATE  # the age on the day of the intake
    assert rescreen.tier == original.tier == Tier.CAUTION
    assert intake.screening == original
    assert intake.screenings.count() == 2


def test_an_unsent_intake_cannot_be_rescreened(link, alice):
    intake, _ = link
    with pytest.raises(ValueError):
        services.intake_rescreen(intake=intake, by=alice)


def test_form_submission_through_the_pages_screens_the_answers(client, link, alice_client):
    intake, token = link
    response = fill_in(client, token, valid_post(saddle_numbness="yes"))
    assert response["Location"] == f"/intake/f/{token}/thanks/"
    intake.refresh_from_db()
    assert intake.screening.tier == Tier.EMERGENCY
    assert intake.answers["pain_areas"] == ["lower_back_left", "lower_back_right"]
    assert intake.answers["pain_now"] == 4
    assert intake.answers["consent_contact_physician"] is True
    assert intake.answers["first_episode"] is False
    assert intake.answers["signature_name"] == "zoë  núñez"
    alice_client.refresh_from_db()
    assert alice_client.preferred_name == "Zo"
    assert alice_client.physician_address == "2 Dock Road\nPort Town"


def test_emergency_result_tells_the_client_kindly_to_seek_care_today(client, link):
    _, token = link
    fill_in(client, token, valid_post(saddle_numbness="yes"))
    page = client.get(f"/intake/f/{token}/thanks/").content.decode()
    assert "Please seek medical care today" in page
    assert "do not wait for your massage appointment" in page
    # The internal flag list stays with the therapist.
    assert "saddle" not in page.lower()
    assert "cauda" not in page.lower()
    assert "NICE" not in page


def test_refer_result_says_the_therapist_will_be_in_touch_before_treatment(client, link):
    _, token = link
    fill_in(client, token, valid_post(cancer_history="yes"))
    page = client.get(f"/intake/f/{token}/thanks/").content.decode()
    assert "will be in touch with you before your treatment" in page
    assert "Please seek medical care today" not in page
    assert "cancer" not in page.lower()


def test_clear_result_thanks_the_client(client, link):
    _, token = link
    fill_in(client, token, valid_post())
    page = client.get(f"/intake/f/{token}/thanks/").content.decode()
    assert "will read your answers before your appointment" in page
    assert "medical care" not in page
    assert client.get(form_url(token)).status_code == 410
