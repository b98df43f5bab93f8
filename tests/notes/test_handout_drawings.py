"""The handout looks like the letters and shows a drawing beside the common exercises."""

import subprocess
import xml.etree.ElementTree as ET

from django.urls import reverse

from clients.models import Practice
from notes import services
from notes.complaint_map import SELF_CARE, SELF_CARE_DRAWINGS, self_care_drawing
from printing import pdf as printing_pdf
from printing.pdf import static_dir
from tests.pdf import pdf_fonts, pdf_text

SVG = "{http://www.w3.org/2000/svg}"
DRAWN = ["piriformis_stretch", "hamstring_stretch", "chin_tucks"]


def _give(note, items):
    services.note_update(note=note, data={"self_care": items, "self_care_notes": ""})


def test_every_drawing_named_in_the_map_is_a_titled_line_drawing():
    assert len(SELF_CARE_DRAWINGS) >= 9
    ids = {spec["id"] for spec in SELF_CARE}
    assert set(SELF_CARE_DRAWINGS) <= ids
    for item_id in SELF_CARE_DRAWINGS:
        path = static_dir() / self_care_drawing(item_id)
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg", path
        assert (root.findtext(f"{SVG}title") or "").strip(), f"{path.name} has no <title>"
        # Stroke only: nothing filled, nothing fetched, no text to need a font.
        for element in root.iter():
            assert element.get("fill") in (None, "none"), f"{path.name}: a filled shape"
            assert element.tag not in (f"{SVG}image", f"{SVG}text", f"{SVG}style"), path.name


def test_an_item_without_a_drawing_has_none():
    assert self_care_drawing("heat") is None
    assert self_care_drawing("added_in_the_admin") is None


def test_handout_has_the_letterhead_the_items_and_the_letter_fonts(as_alice, note, tmp_path):
    _give(note, [*DRAWN, "heat"])
    response = as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))

    text = " ".join(pdf_text(response.content, tmp_path, "handout.pdf").split())
    assert "Harbour Massage Clinic" in text
    assert "1 Quay Street, Port Town, PT1 1AA" in text  # the letter's one-line address
    assert "Zoë Núñez" in text
    for spec in SELF_CARE:
        if spec["id"] in [*DRAWN, "heat"]:
            assert spec["label"] in text
            assert " ".join(spec["instructions"].split()) in text
    fonts = pdf_fonts(response.content, tmp_path)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Noto" in name for name, _ in fonts), fonts  # letter.css: Noto, not DejaVu


def test_the_drawings_of_the_chosen_items_are_read_from_static(
    as_alice, note, monkeypatch, tmp_path
):
    fetched = []
    fetch = printing_pdf.StaticFilesOnly.fetch

    def recording(self, url, headers=None):
        fetched.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(printing_pdf.StaticFilesOnly, "fetch", recording)
    _give(note, [*DRAWN, "heat"])
    response = as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))

    assert response.status_code == 200
    drawings = sorted(url.rsplit("/", 1)[1] for url in fetched if "/notes/drawings/" in url)
    assert drawings == sorted(SELF_CARE_DRAWINGS[item] for item in DRAWN)
    for url in fetched:
        assert url.startswith(static_dir().as_uri() + "/")


def test_handout_page_size_follows_the_practice(as_alice, note, practice, tmp_path):
    practice.letter_page_size = Practice.PageSize.LETTER
    practice.save()
    response = as_alice.get(reverse("notes:handout-pdf", args=[note.pk]))
    path = tmp_path / "size.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts (letter)" in info.stdout
