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


def _words(data, tmp_path):
    """(page, x, y, word) of every word, from pdftotext -bbox (points from the top left)."""
    import re
    import subprocess

    path = tmp_path / "words.pdf"
    path.write_bytes(data)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)".*>(.*)</word>', line)
        if found:
            words.append((page, float(found[1]), float(found[2]), found[3]))
    return words


def test_list_items_hang_their_bullet_left_of_the_text(final, tmp_path):
    """The bullet is typed into the item (letter.css, .body-section li): it stands left of
    the item's text as a list marker would, and a wrapped line starts under the text, not
    under the bullet."""
    words = _words(final.pdf_bytes(), tmp_path)
    bullets = [i for i, word in enumerate(words) if word[3] == "\u2022"]
    assert len(bullets) >= 3  # one a flag
    text_x = {round(words[i + 1][1], 1) for i in bullets}
    assert len(text_x) == 1  # every item's text starts at one indent
    (text_x,) = text_x
    assert all(text_x - 8 < words[i][1] < text_x - 4 for i in bullets)  # "• " is 6.36 pt
    # The first flag's sentence wraps: its second line starts at the text's indent.
    first, after = bullets[0], bullets[1]
    lines = sorted({round(y, 1) for _, _, y, _ in words[first:after]})
    assert len(lines) >= 2
    second = min(x for _, x, y, _ in words[first:after] if round(y, 1) == lines[1])
    assert round(second, 1) == text_x


def test_every_page_names_the_client_in_its_footer(final, tmp_path):
    text = pdf_text(final.pdf_bytes(), tmp_path)
    footer = "Zoë Núñez · born 14 Mar 1986 · Confidential"
    assert text.count(footer) == pdf_pages(final.pdf_bytes(), tmp_path) >= 2


def test_the_letter_page_shows_lists_without_the_printed_bullet(as_alice, final):
    from django.urls import reverse

    page = as_alice.get(reverse("referrals:letter-detail", args=[final.pk])).content.decode()
    assert "<li>The client reports" in page and "\u2022" not in page
