"""The record out: the intake on paper, and the export zip a client can read (record.pdf),
a machine can read (record.json) and the next system can import (fhir/bundle.json)."""

import io
import json
import os
import zipfile

import pytest
from django.urls import reverse

from audit.models import Event
from clients.models import Therapist
from records import fhir, services
from tests.factories import make_therapist
from tests.pdf import pdf_text
from tests.records.scenario import Clock, build_record, make_client
from tests.records.value_sets import check_codes

# KEEP_PDFS=/some/dir keeps the PDFs the tests make, to look at them.
KEEP = os.environ.get("KEEP_PDFS")


def _keep(name, data):
    if KEEP:
        with open(os.path.join(KEEP, name), "wb") as out:
            out.write(data)


@pytest.fixture
def record(monkeypatch, alice, complaint_map):
    clock = Clock(monkeypatch)
    made = build_record(make_client(alice), alice, clock)
    clock.at(60)
    return made


@pytest.fixture
def as_owner(client, practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


def test_the_printed_intake_holds_the_answers_flags_pain_map_and_signature(
    as_alice, record, tmp_path
):
    intake = record["intakes"][0]
    response = as_alice.get(reverse("records:intake-pdf", args=[intake.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    _keep("intake.pdf", response.content)
    text = " ".join(pdf_text(response.content, tmp_path).split())
    # The letterhead, the client, and the screening with its flags and their reasons.
    assert "Harbour Massage Clinic" in text and "Zoë Núñez" in text
    assert "Screening: Refer to physician" in text
    assert "A history of cancer" in text
    assert "The client answered:" in text
    # Answers in words, not codes.
    assert "6 to 12 weeks" in text and "6_to_12_weeks" not in text
    assert "Dull ache in my lower back" in text
    assert "Lower back, left side" in text and "Buttock, left side" in text
    assert "Apixaban 5 mg twice daily" in text
    # The consent and the typed signature with its date.
    assert "The client agreed to receive massage treatment." in text
    assert "Signed by typing: Zoë Núñez, on 5 January 2026" in text
    event = Event.objects.filter(action="pdf").get()
    assert event.object_type == "intake.intake" and event.username == "alice"


def test_the_intake_pdf_is_not_for_another_therapist_or_the_front_desk(
    client, record, bob, practice
):
    url = reverse("records:intake-pdf", args=[record["intakes"][0].pk])
    client.force_login(bob)
    assert client.get(url).status_code == 404
    desk = make_therapist(practice, "fran", "Fran", "Desk")
    Therapist.objects.filter(user=desk).update(role=Therapist.Role.FRONT_DESK)
    client.force_login(desk)
    assert client.get(url).status_code == 404
    assert not Event.objects.filter(action="pdf").exists()


def test_the_owner_prints_any_intake_of_the_practice(as_owner, record):
    response = as_owner.get(reverse("records:intake-pdf", args=[record["intakes"][1].pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "intake-nunez-zoe-2026-02-04.pdf" in response["Content-Disposition"]


def test_printing_through_the_service_is_audited_without_a_request(record):
    pdf, filename = services.intake_print(request=None, intake=record["intakes"][0])
    assert pdf.startswith(b"%PDF") and filename == "intake-nunez-zoe-2026-01-05.pdf"
    event = Event.objects.get(action="pdf")
    assert event.client_pk == record["client"].pk and event.object_repr.startswith("Intake #")


def test_the_review_page_offers_the_intake_pdf(as_alice, record):
    intake = record["intakes"][1]
    page = as_alice.get(reverse("intake:intake-review", args=[intake.pk])).content.decode()
    assert reverse("records:intake-pdf", args=[intake.pk]) in page


def test_the_export_zip_holds_a_readable_record_and_a_valid_fhir_bundle(as_owner, record, tmp_path):
    pk = record["client"].pk
    response = as_owner.get(reverse("records:client-export", args=[pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"record.pdf", "record.json", "access_history.json", "fhir/bundle.json"} <= names
    readable = archive.read("record.pdf")
    _keep("record.pdf", readable)
    text = " ".join(pdf_text(readable, tmp_path, "record.pdf").split())
    assert "Your record: Zoë Núñez" in text
    # Contact, both intakes with their screening, every note with its amendment, the
    # letter with its reply, the clearance and the access history, in words.
    assert "zoe.nunez@example.com" in text and "12 Garden Row" in text
    assert "Questionnaire of 5 January 2026" in text
    assert "Questionnaire of 4 February 2026" in text
    assert "6 to 12 weeks" in text and "6_to_12_weeks" not in text
    assert text.count("Session of ") == 5
    assert "Amended 14 February 2026 by Alice Moreau: The left side was also worked." in text
    assert "Letter to Dr. Helen Park of 6 January 2026" in text
    assert "Reply received 14 January 2026: Cleared with restrictions" in text
    assert "No deep pressure over the lower back." in text
    assert "Who opened or changed your record" in text
    assert "therapist_id" not in text and "submission_key" not in text
    bundle = json.loads(archive.read("fhir/bundle.json"))
    fhir.validate(bundle)
    assert check_codes(bundle) == []
    assert bundle["entry"][0]["resource"]["resourceType"] == "Organization"
    assert json.loads(archive.read("record.json"))["client"]["last_name"] == "Núñez"
    assert Event.objects.filter(action="export", client_pk=pk).count() == 1
