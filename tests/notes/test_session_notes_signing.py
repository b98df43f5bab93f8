"""Signed notes are read-only: later changes are amendments that keep the original text,
who wrote them and when."""

from django.urls import reverse

from notes.models import NoteAmendment
from tests.factories import note_form_data

ORIGINAL = "Ache in the right low back after gardening."


def test_signing_makes_the_note_read_only(as_alice, alice, note):
    response = as_alice.post(reverse("notes:note-sign", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_signed and note.signed_by == alice
    page = as_alice.get(note.get_absolute_url()).content.decode()
    assert "Signed by Alice Moreau" in page
    assert reverse("notes:note-update", args=[note.pk]) not in page
    assert reverse("notes:note-amend", args=[note.pk]) in page


def test_a_signed_note_cannot_be_edited(as_alice, signed_note):
    url = reverse("notes:note-update", args=[signed_note.pk])
    posted = as_alice.post(url, note_form_data(subjective="Rewritten history", pain_after="0"))
    opened = as_alice.get(url, follow=True)

    assert posted.status_code == 302 and posted["Location"] == signed_note.get_absolute_url()
    assert "This note is signed and cannot be edited; add an amendment." in (
        opened.content.decode().replace("&#x27;", "'")
    )
    signed_note.refresh_from_db()
    assert signed_note.subjective == ORIGINAL
    assert signed_note.pain_after == 3


def test_signing_twice_keeps_the_first_signature(as_alice, signed_note):
    first = signed_note.signed_at
    as_alice.post(reverse("notes:note-sign", args=[signed_note.pk]))
    signed_note.refresh_from_db()
    assert signed_note.signed_at == first


def test_an_amendment_is_stored_with_its_author_and_time_and_keeps_the_original(
    as_alice, alice, signed_note
):
    response = as_alice.post(
        reverse("notes:note-amend", args=[signed_note.pk]),
        {"text": "Pressure was firm on the right QL, not moderate.", "reason": "Wrong pressure"},
    )
    assert response.status_code == 302
    amendment = NoteAmendment.objects.get()
    assert amendment.note == signed_note and amendment.author == alice
    assert amendment.created_at >= signed_note.signed_at
    signed_note.refresh_from_db()
    assert signed_note.subjective == ORIGINAL and signed_note.pressure == ""

    page = as_alice.get(signed_note.get_absolute_url()).content.decode()
    assert ORIGINAL in page
    assert "Pressure was firm on the right QL, not moderate." in page
    assert "Reason: Wrong pressure · by Alice Moreau" in page
    assert page.index(ORIGINAL) < page.index("Pressure was firm")


def test_an_amendment_needs_text_and_a_reason(as_alice, signed_note):
    response = as_alice.post(
        reverse("notes:note-amend", args=[signed_note.pk]), {"text": "", "reason": ""}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"text", "reason"}
    assert not NoteAmendment.objects.exists()


def test_a_draft_is_edited_not_amended(as_alice, note):
    response = as_alice.post(
        reverse("notes:note-amend", args=[note.pk]), {"text": "x", "reason": "y"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("notes:note-update", args=[note.pk])
    assert not NoteAmendment.objects.exists()
