"""The finalised letter, read back from its PDF as a physician would see it."""

import time

from clients.models import Practice
from referrals import services
from tests.pdf import pdf_fonts, pdf_pages, pdf_text


def _flat(text):
    return " ".join(text.split())


def test_final_pdf_names_client_physician_every_flag_and_signature(final, tmp_path):
    text = _flat(pdf_text(final.pdf_bytes(), tmp_path))
    assert "Zoë Núñez" in text
    assert "14 March 1986" in text
    assert "Dr. Helen Park" in text
    assert "Riverside Family Practice" in text
    sentences = [flag["physician_sentence"] for flag in final.screening.flags]
    assert len(sentences) >= 3
    for sentence in sentences:
        assert _flat(sentence) in text
    # Signature block: name with designation, licence number, practice contact.
    assert "Alice Moreau, RMT" in text
    assert "Licence no. alice-001" in text
    assert "Harbour Massage Clinic" in text
    assert "desk@harbour.example" in text


def test_flags_are_listed_most_urgent_first(final, tmp_path):
    text = _flat(pdf_text(final.pdf_bytes(), tmp_path))
    positions = [text.index(_flat(f["physician_sentence"])) for f in final.screening.flags]
    assert positions == sorted(positions)


def test_pdf_has_page_numbers_and_a_sane_page_count(final, tmp_path):
    pages = pdf_pages(final.pdf_bytes(), tmp_path)
    assert 1 <= pages <= 3
    text = pdf_text(final.pdf_bytes(), tmp_path)
    assert f"Page 1 of {pages}" in text
    assert "Physician's reply" in text
    assert "Massage therapy should not proceed at this time." in text


def test_letter_page_size_follows_the_practice(draft, practice, tmp_path):
    practice.letter_page_size = Practice.PageSize.LETTER
    practice.save()
    final = services.letter_finalise(letter=draft)
    path = tmp_path / "size.pdf"
    path.write_bytes(final.pdf_bytes())
    import subprocess

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "612 x 792 pts (letter)" in info


def test_names_in_any_script_print_with_embedded_fonts(draft, practice, tmp_path):
    practice.name = "عائشة Wellness Massage"
    practice.save()
    draft.physician_name = "Dr. 王 伟"
    draft.save()
    final = services.letter_finalise(letter=draft)
    text = pdf_text(final.pdf_bytes(), tmp_path)
    assert "Zoë Núñez" in text
    assert "Dr. 王 伟" in text
    assert "عائشة" in text
    fonts = pdf_fonts(final.pdf_bytes(), tmp_path)
    assert fonts, "the PDF names no fonts"
    assert all(embedded for _, embedded in fonts), fonts
    names = " ".join(name for name, _ in fonts)
    assert "CJK" in names  # the Chinese name did not fall back to a missing glyph box


def test_render_time_of_one_letter_is_reasonable(draft, capsys):
    services.letter_render_preview(letter=draft)  # warm up fonts and CSS
    started = time.perf_counter()
    services.letter_render_preview(letter=draft)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nreferral letter render: {elapsed * 1000:.0f} ms")
    assert elapsed < 5


def test_draft_preview_is_marked_draft_and_not_stored(draft, tmp_path):
    data = services.letter_render_preview(letter=draft)
    assert "DRAFT" in pdf_text(data, tmp_path)
    draft.refresh_from_db()
    assert not draft.pdf and draft.pdf_sha256 == ""
