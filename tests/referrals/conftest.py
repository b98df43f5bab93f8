"""Referral-letter fixtures: Alice's client Zoë Núñez with a screening that asks for a
physician, and helpers that read a PDF back with poppler."""

import subprocess

import pytest

from referrals import services
from tests.conftest import make_submitted_intake

REFER_ANSWERS = {
    "main_complaint": "Dull ache in my lower back that wakes me up at night.",
    "pain_now": 4,
    "pain_worst_week": 7,
    "pain_duration": "over_12_weeks",
    "pain_onset": "gradual",
    "cancer_history": True,
    "night_pain_unrelieved": True,
    "blood_clot_recent": True,
}


@pytest.fixture
def screened_client(alice_client):
    alice_client.physician_address = "40 Station Road\nRiverside\nRV1 2AB"
    alice_client.consent_contact_physician = True
    alice_client.conditions = "Breast cancer 2019"
    alice_client.medications = "Apixaban 5 mg twice daily"
    alice_client.save()
    make_submitted_intake(alice_client, REFER_ANSWERS, reviewed=True)
    return alice_client


@pytest.fixture
def draft(screened_client, alice):
    return services.letter_create_draft(client=screened_client, author=alice)


@pytest.fixture
def final(draft):
    return services.letter_finalise(letter=draft)


def pdf_text(data, tmp_path, name="letter.pdf"):
    path = tmp_path / name
    path.write_bytes(bytes(data))
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def pdf_pages(data, tmp_path):
    path = tmp_path / "info.pdf"
    path.write_bytes(bytes(data))
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def pdf_fonts(data, tmp_path):
    """(name, embedded) for every font of the PDF, from pdffonts."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(bytes(data))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = out.stdout.splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object ID: "emb" is the 5th field from the end.
        fonts.append((parts[0], parts[-5] == "yes"))
    return fonts
