"""Odd input a real browser or a careless paste can send: never an error page.

PostgreSQL refuses NUL characters in text, so these matter most on the PostgreSQL run.
"""

import pytest
from django.urls import reverse

from notes.models import SessionNote
from tests.factories import make_submitted_intake, note_form_data


@pytest.mark.parametrize("field", ["complaints", "techniques", "self_care"])
@pytest.mark.parametrize("action", ["save", "suggest"])
def test_a_nul_character_in_a_ticked_box_is_refused_by_the_field(
    as_alice, alice_client, complaint_map, field, action
):
    make_submitted_intake(alice_client, {})  # a note needs an intake first
    data = note_form_data(**{field: ["quadratus_lumborum\x00", "\x00"]})
    data.pop("save")
    data[action] = "1"
    response = as_alice.post(reverse("notes:note-create", args=[alice_client.pk]), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ache in the right low back after gardening." in page  # what was typed is kept
    if action == "save":
        assert "Nothing was saved." in page
    assert not SessionNote.objects.exists()


def test_client_list_survives_garbage_in_the_query_string(as_alice, alice_client):
    url = reverse("clients:client-list")
    for query in (
        {"q": "Zo\x00ë"},
        {"q": "x" * 10_000},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "9" * 400},
        {"page": "\x00"},
        {"archived": "\x00"},
        {"q": ["Zoë", "Núñez"]},
    ):
        assert as_alice.get(url, query).status_code == 200, query
