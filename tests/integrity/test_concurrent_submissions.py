"""Many clients sending their forms at once, over real HTTP to the live server: none is lost,
a link is accepted once, and nobody sees a server error."""

import pytest

from clients.models import Client
from intake import services as intake_services
from intake.models import Intake, Screening
from tests.factories import ClientFactory, PracticeFactory, make_therapist
from tests.integrity.helpers import at_once, last_step, ready_to_send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def therapist(transactional_db):
    return make_therapist(PracticeFactory(), "alice", "Alice", "Moreau")


def _zoe(therapist):
    return ClientFactory(therapist=therapist, first_name="Zoë", last_name="Núñez")


def test_twenty_sends_of_one_link_store_one_submission(live_server, therapist):
    intake, token = ready_to_send(_zoe(therapist))

    phones = [last_step(live_server.url, token) for _ in range(20)]

    results = at_once(*phones)

    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [410] * 19, statuses
    thanks = [page for status, page in results if status == 200]
    assert "Thank you" in thanks[0]
    intake.refresh_from_db()
    assert intake.is_submitted
    assert Screening.objects.filter(intake=intake).count() == 1


@pytest.mark.slow  # fifty clients over a live server
def test_fifty_clients_sending_at_once_are_all_stored(live_server, therapist):
    links = []
    for _ in range(50):
        client = ClientFactory(therapist=therapist)
        intake, token = ready_to_send(client)
        # The helper's answers are Zoë's: each client gives their own name and signs with it.
        about = dict(intake.draft_answers["about"])
        about.update(first_name=client.first_name, last_name=client.last_name)
        intake_services.intake_save_section(intake=intake, section="about", typed=about, done=True)
        links.append((intake, token, f"{client.first_name} {client.last_name}"))
    phones = [last_step(live_server.url, token, signature_name=name) for _, token, name in links]

    results = at_once(*phones)

    assert [status for status, _ in results] == [200] * 50
    assert Intake.objects.submitted().count() == 50
    assert Screening.objects.filter(is_rescreen=False).count() == 50
    assert Client.objects.count() == 50
