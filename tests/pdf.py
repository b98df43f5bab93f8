"""Read a PDF back the way a person would see it, with poppler's tools."""

import subprocess


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
