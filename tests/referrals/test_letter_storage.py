"""A final letter's PDF is a file in the default storage (MEDIA_ROOT in tests): written once
under a random name, checked against its SHA-256 on every read, never left behind by a
failed finalisation or an erasure."""

import datetime
import hashlib
import logging
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from clients.models import Therapist
from referrals import services
from referrals.files import LetterFileUnreadable, write_letter_file
from referrals.models import ReferralLetter
from tests.factories import make_therapist


def _stored(letter):
    return Path(settings.MEDIA_ROOT) / letter.pdf.name


def _letter_files():
    folder = Path(settings.MEDIA_ROOT) / "letters"
    return set(folder.iterdir()) if folder.exists() else set()


def test_a_final_letter_is_a_file_under_a_random_name_with_its_sha256(final):
    assert re.fullmatch(r"letters/[0-9a-f]{32}\.pdf", final.pdf.name)
    data = _stored(final).read_bytes()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == final.pdf_sha256
    assert final.pdf_bytes() == data


def test_the_stored_file_is_not_served_by_any_url(as_alice, final):
    for path in (f"/media/{final.pdf.name}", f"/{final.pdf.name}", f"/static/{final.pdf.name}"):
        assert as_alice.get(path).status_code == 404


def test_the_letter_downloads_the_stored_file(as_alice, final):
    response = as_alice.get(reverse("referrals:letter-pdf", args=[final.pk]))
    assert response.status_code == 200
    assert response.content == _stored(final).read_bytes()


def test_a_changed_file_is_never_served(as_alice, final, caplog):
    path = _stored(final)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of the letter changed on disk
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR, logger="referrals.files"):
        response = as_alice.get(reverse("referrals:letter-pdf", args=[final.pk]))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "A stored letter cannot be read" in page
    assert "is not the letter that was finalised" in page
    assert f"{final.pdf.name} does not match" in caplog.text
    with pytest.raises(LetterFileUnreadable):
        final.pdf_bytes()


def test_a_missing_file_answers_the_same_page_and_is_logged(as_alice, final, caplog):
    _stored(final).unlink()
    with caplog.at_level(logging.ERROR, logger="referrals.files"):
        response = as_alice.get(reverse("referrals:letter-pdf", args=[final.pk]))
    assert response.status_code == 503
    assert "A stored letter cannot be read" in response.content.decode()
    assert f"{final.pdf.name} could not be read" in caplog.text


def test_the_export_of_a_record_with_a_changed_letter_file_is_refused(client, practice, final):
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    client.force_login(owner)
    _stored(final).write_bytes(b"%PDF-1.7 something else")
    response = client.get(reverse("records:client-export", args=[final.client_id]))
    assert response.status_code == 503
    assert "A stored letter cannot be read" in response.content.decode()


def test_finalising_again_is_refused_and_writes_nothing(final):
    before, data = _letter_files(), _stored(final).read_bytes()
    with pytest.raises(services.LetterIsFinal):
        services.letter_finalise(letter=final)
    assert _letter_files() == before
    assert _stored(final).read_bytes() == data


def test_a_finalisation_that_fails_after_writing_leaves_no_file(draft, monkeypatch):
    before = _letter_files()

    def save_fails(self, *args, **kwargs):
        # The file is written by now: the row's save is what fails.
        assert _letter_files() - before
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(ReferralLetter, "save", save_fails)
    with pytest.raises(IntegrityError):
        services.letter_finalise(letter=draft)
    monkeypatch.undo()
    assert _letter_files() == before
    draft.refresh_from_db()
    assert draft.is_draft and not draft.pdf and draft.pdf_sha256 == ""


def test_a_final_letter_needs_its_file(final):
    with pytest.raises(IntegrityError):
        ReferralLetter.objects.filter(pk=final.pk).update(pdf="")


def test_a_draft_cannot_name_a_file(draft):
    with pytest.raises(IntegrityError):
        ReferralLetter.objects.filter(pk=draft.pk).update(pdf="letters/x.pdf")


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_maintenance_deletes_old_files_no_letter_names(final, capsys):
    orphan = write_letter_file(b"%PDF-1.7 left by a crash")
    young = write_letter_file(b"%PDF-1.7 a finalisation still running")
    path = Path(settings.MEDIA_ROOT) / orphan
    two_hours_ago = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(path, (two_hours_ago, two_hours_ago))
    os.utime(_stored(final), (two_hours_ago, two_hours_ago))
    call_command("erase_maintenance")
    assert "1 orphaned letter files deleted" in capsys.readouterr().out
    assert not path.exists()
    assert (Path(settings.MEDIA_ROOT) / young).exists()
    assert final.pdf_bytes()
