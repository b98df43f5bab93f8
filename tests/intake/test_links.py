"""Links that don't open the form (wrong, expired, used) show a plain page and no client data."""

import datetime

import pytest
from django.utils import timezone

from intake.models import Intake
from tests.intake.questionnaire import SECTION_IDS, fill_in, form_url, make_link, valid_post

# What must never appear on a page for a link that does not open the form.
CLIENT_DATA = ["Zoë", "Núñez", "1986", "zoe.nunez@example.com", "Helen Park", "Alice", "Moreau"]


def assert_plain_page(response, status, heading):
    assert response.status_code == status
    page = response.content.decode()
    assert heading in page
    for text in CLIENT_DATA:
        assert text not in page
    # The public pages never show the staff navigation.
    assert "Dashboard" not in page and "Log out" not in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("section", [None, *SECTION_IDS, "thanks"])
def test_wrong_link_shows_link_not_recognised(client, link, section):
    _, token = link
    wrong = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    response = client.get(
        form_url(wrong, section) if section != "thanks" else f"/intake/f/{wrong}/thanks/"
    )
    assert_plain_page(response, 404, "This link doesn’t work")


def test_a_very_long_or_odd_token_is_just_a_wrong_link(client, link):
    assert_plain_page(client.get(form_url("x" * 5000)), 404, "This link doesn’t work")
    assert_plain_page(client.get("/intake/f/%C3%A9%00%20/"), 404, "This link doesn’t work")


def test_unknown_section_of_a_good_link_is_not_found(client, link):
    _, token = link
    assert_plain_page(client.get(form_url(token, "billing")), 404, "This link doesn’t work")


def test_posting_to_a_wrong_link_saves_nothing(client, link):
    intake, token = link
    response = client.post(form_url(token[::-1], "about"), valid_post()["about"])
    assert_plain_page(response, 404, "This link doesn’t work")
    intake.refresh_from_db()
    assert intake.draft_answers == {}


@pytest.mark.parametrize("section", [None, *SECTION_IDS])
def test_expired_link_shows_link_expired(client, alice_client, section):
    intake, token = make_link(alice_client, expires_in=datetime.timedelta(days=14))
    Intake.objects.filter(pk=intake.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert_plain_page(client.get(form_url(token, section)), 410, "This link has expired")


def test_expired_link_refuses_a_section_and_keeps_nothing(client, alice_client):
    intake, token = make_link(alice_client, expires_in=-datetime.timedelta(minutes=1))
    response = client.post(form_url(token, "about"), valid_post()["about"])
    assert_plain_page(response, 410, "This link has expired")
    intake.refresh_from_db()
    assert intake.draft_answers == {} and intake.sections_done == []


def test_link_that_expires_while_the_client_types_is_refused_on_send(client, link):
    intake, token = link
    answers = valid_post()
    fill_in(client, token, answers, SECTION_IDS[:-1])
    Intake.objects.filter(pk=intake.pk).update(expires_at=timezone.now())
    response = client.post(form_url(token, "consent"), answers["consent"])
    assert_plain_page(response, 410, "This link has expired")
    intake.refresh_from_db()
    assert not intake.is_submitted
    assert not intake.screenings.exists()


@pytest.mark.parametrize("section", [None, *SECTION_IDS])
def test_used_link_shows_form_already_sent(client, link, section):
    intake, token = link
    fill_in(client, token, valid_post())
    intake.refresh_from_db()
    assert intake.is_submitted
    other_browser = type(client)()
    assert_plain_page(
        other_browser.get(form_url(token, section)), 410, "This form has already been sent"
    )


def test_used_link_cannot_be_sent_again(client, link):
    intake, token = link
    answers = valid_post()
    fill_in(client, token, answers)
    submitted_at = Intake.objects.get(pk=intake.pk).submitted_at

    answers["about"]["first_name"] = "Mallory"
    response = fill_in(client, token, answers)
    assert_plain_page(response, 410, "This form has already been sent")
    intake.refresh_from_db()
    assert intake.submitted_at == submitted_at
    assert intake.answers["first_name"] == "Zoë"
    assert intake.screenings.count() == 1


def test_thanks_page_is_only_for_the_browser_that_sent_the_form(client, link):
    intake, token = link
    fill_in(client, token, valid_post(saddle_numbness="yes"))
    assert (
        "Please seek medical care today"
        in client.get(f"/intake/f/{token}/thanks/").content.decode()
    )

    someone_else = type(client)()
    response = someone_else.get(f"/intake/f/{token}/thanks/")
    assert_plain_page(response, 410, "This form has already been sent")
    assert "medical care" not in response.content.decode()


def test_thanks_page_of_an_unsent_form_goes_back_to_the_form(client, link):
    _, token = link
    response = client.get(f"/intake/f/{token}/thanks/")
    assert response.status_code == 302
    assert response["Location"] == form_url(token)


def test_public_pages_send_no_store_and_no_referrer(client, link):
    _, token = link
    response = client.get(form_url(token, "about"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] in ("no-referrer", "same-origin")
    assert "noindex" in response["X-Robots-Tag"]


def test_only_the_hash_of_the_token_is_stored(link):
    intake, token = link
    stored = [str(value) for value in Intake.objects.filter(pk=intake.pk).values().get().values()]
    assert all(token not in value for value in stored)
    assert len(token) >= 43  # 256 bits, URL-safe base64
