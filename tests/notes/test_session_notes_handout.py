"""The printable self-care handout: a real PDF, read back with pdftotext."""

from django.urls import reverse

from notes import services
from tests.pdf import pdf_text


def test_handout_lists_the_self_care_given_for_the_client(as_alice, note, tmp_path):
    services.note_update(
        note=note,
        data={"self_care": ["piriformis_stretch", "ball_release"], "self_care_notes": ""},
    )
    response = as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="self-care-nunez-zoe-')
    assert "no-store" in response["Cache-Control"]
    text = " ".join(pdf_text(response.content, tmp_path, name="handout.pdf").split())
    assert "Zoë Núñez" in text
    assert "Harbour Massage Clinic" in text and "+1 555 010 9999" in text
    assert "Piriformis stretch" in text and "Ball release" in text
    assert "tennis ball" in text  # the item's instructions
    assert "Side-bend stretch" not in text  # no longer given
    assert "Drink water" in text
    assert "See a physician if" in text and "numbness, tingling, weakness" in text
    assert "Alice Moreau, RMT" in text
