"""Where a link stands, wherever a link shows (the client page, the intake page, the link
page, the dashboard's "Waiting for the client"), with Resend and Cancel for a link not yet
submitted."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import Event
from clients.models import Therapist
from intake.models import Intake
from intake.services import intake_link_issue
from tests.factories import REFER_ANSWERS, ClientFactory, make_submitted_intake, make_therapist
from tests.intake.questionnaire import form_url, valid_post


@pytest.fixture
def frank(practice):
    user = make_therapist(practice, "frank", "Frank", "Desk")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.FRONT_DESK)
    return user


def _panel(page):
    start = page.index('id="waiting-for-client"')
    return page[start : page.index("</section>", start)]


def test_the_client_page_shows_the_step_reached_and_the_expiry(as_alice, client, alice_client):
    intake, token = intake_link_issue(client=alice_client)
    client.post(form_url(token, "about"), valid_post()["about"])
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "In progress (step 2 of 11)" in page
    assert f"link works until {timezone.localtime(intake.expires_at):%-d %b %Y}" in page
    assert "Resend" in page and "Cancel" in page


def test_the_intake_page_of_an_unsubmitted_link_shows_its_status(as_alice, alice_client):
    intake, _ = intake_link_issue(client=alice_client)
    page = as_alice.get(reverse("intake:intake-review", args=[intake.pk])).content.decode()
    assert "Sent." in page


def test_the_link_page_offers_to_resend_the_open_link(as_alice, alice_client):
    intake_link_issue(client=alice_client)
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    page = as_alice.get(url).content.decode()
    assert "Sent" in page and "Resend" in page


def test_resend_gives_a_fresh_link_keeps_the_drafts_and_emails_it(as_alice, client, alice_client):
    intake, old_token = intake_link_issue(client=alice_client)
    as_alice.logout()
    client.post(form_url(old_token, "about"), valid_post()["about"])
    client.force_login(alice_client.therapist)
    response = client.post(reverse("intake:link-resend", args=[intake.pk]))
    assert response.status_code == 200
    url = response.context["url"]
    assert old_token not in url
    assert mail.outbox[-1].to == [alice_client.email]
    assert url in mail.outbox[-1].body
    intake.refresh_from_db()
    assert intake.sections_done == ["about"]
    assert Intake.objects.filter(client=alice_client).count() == 1
    client.logout()
    assert client.get(form_url(old_token, "about")).status_code == 404
    new_token = url.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(form_url(new_token)).status_code == 302
    assert Event.objects.filter(object_type="intake.intake", object_pk=str(intake.pk)).exists()


def test_an_expired_link_can_be_sent_again(as_alice, alice_client):
    intake, _ = intake_link_issue(client=alice_client)
    Intake.objects.filter(pk=intake.pk).update(expires_at=timezone.now())
    response = as_alice.post(reverse("intake:link-resend", args=[intake.pk]))
    assert response.status_code == 200
    intake.refresh_from_db()
    assert intake.is_open


def test_a_submitted_link_is_not_resent(as_alice, alice_client):
    intake = make_submitted_intake(alice_client, {})
    response = as_alice.post(reverse("intake:link-resend", args=[intake.pk]))
    assert response.status_code == 302
    assert mail.outbox == []


def test_cancel_closes_the_link(as_alice, alice_client):
    intake, token = intake_link_issue(client=alice_client)
    as_alice.post(reverse("intake:link-cancel", args=[intake.pk]))
    intake.refresh_from_db()
    assert intake.status_label == "Cancelled"
    page = as_alice.get(alice_client.get_absolute_url()).content.decode()
    assert "Cancelled" in page


def test_another_therapist_cannot_resend(as_bob, alice_client):
    intake, _ = intake_link_issue(client=alice_client)
    assert as_bob.post(reverse("intake:link-resend", args=[intake.pk])).status_code == 404


def test_waiting_for_the_client_lists_the_therapists_own_links(as_alice, alice, bob, alice_client):
    intake_link_issue(client=alice_client)
    intake_link_issue(client=ClientFactory(therapist=bob, first_name="Bobs", last_name="Own"))
    submitted = ClientFactory(therapist=alice, first_name="Done", last_name="Already")
    make_submitted_intake(submitted, {})
    page = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    panel = _panel(page)
    assert "Zoë Núñez" in panel and "Sent" in panel and "until" in panel
    assert "Bobs Own" not in panel and "Done Already" not in panel
    listed = as_alice.get(reverse("dashboard:waiting-for-client"))
    assert listed.status_code == 200 and "Zoë Núñez" in listed.content.decode()


def test_the_front_desk_sees_the_practices_links_and_nothing_clinical(
    client, frank, alice, bob, alice_client
):
    intake_link_issue(client=alice_client)
    bobs = ClientFactory(therapist=bob, first_name="Bobs", last_name="Own")
    make_submitted_intake(bobs, REFER_ANSWERS)
    intake_link_issue(client=bobs)
    client.force_login(frank)
    page = client.get(reverse("dashboard:dashboard")).content.decode()
    panel = _panel(page)
    assert "Zoë Núñez" in panel and "Bobs Own" in panel
    for clinical in ("Refer", "refer", "tier", "Emergency", "Caution"):
        assert clinical not in panel
    assert reverse("clients:client-update", args=[alice_client.pk]) in panel
