"""The letter's closing never stands alone: "Yours sincerely" and the signature keep some of
the letter with them on their page (issue 18: they fell alone onto page 2)."""

import subprocess

import pytest

from referrals import services
from tests.pdf import pdf_pages


def _page_texts(data, tmp_path):
    path = tmp_path / "closing.pdf"
    path.write_bytes(bytes(data))
    pages = pdf_pages(data, tmp_path)
    texts = []
    for number in range(1, pages + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            check=True,
        )
        texts.append(" ".join(out.stdout.decode().split()))
    return texts


# Findings of 0 to 27 lines move the closing down the first page and over to the second;
# before the fix, 0 to 4 lines put it alone at the top of page 2.
@pytest.mark.parametrize("extra_lines", range(0, 30, 3))
def test_yours_sincerely_is_never_alone_at_the_top_of_a_page(draft, tmp_path, extra_lines):
    line = "- Session {}: tight right trapezius, eased with gentle effleurage."
    draft.findings = "\n".join(line.format(n) for n in range(extra_lines))
    draft.save()
    pdf = services.letter_render_preview(letter=draft)
    texts = _page_texts(pdf, tmp_path)
    page = next(text for text in texts if "Yours sincerely" in text)
    before = page[: page.index("Yours sincerely")]
    assert "Alice Moreau, RMT" in page
    # Something of the letter itself is on the closing's page, not only the running heads.
    assert "A reply form is at the end of this letter." in before
