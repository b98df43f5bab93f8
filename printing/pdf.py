"""Render the printable documents (referral letters, self-care handouts) with WeasyPrint.

Every document reads its stylesheets, fonts and drawings from the app's own static/ folder
and nothing else: no network, no other file on the machine, whatever a template or a
client's text contains.
"""

import functools
import logging
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

# WeasyPrint reports every layout step at INFO; that is noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402


def static_dir():
    return Path(settings.STATIC_SOURCE_DIR).resolve()


class StaticFilesOnly(URLFetcher):
    """Fetches file: URLs inside static/ (and data: URLs); refuses everything else."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(static_dir()):
                return super().fetch(url, headers)
        raise ValueError(f"Only the app's static files are used in documents, not {url!r}")


# Fonts found and loaded once per process, not once per document: every render shares them.
_fonts = threading.local()


def font_config():
    """One FontConfiguration per thread (Pango's font maps are not shared across threads)."""
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


@functools.cache
def _stylesheet(path, thread_id):
    return CSS(
        filename=str(static_dir() / path),
        url_fetcher=StaticFilesOnly(),
        font_config=font_config(),
    )


def stylesheet(path):
    """A stylesheet of static/ parsed once (per thread) and reused by every render."""
    return _stylesheet(path, threading.get_ident())


def render_pdf(template_name, context, request=None, stylesheets=()):
    """Return the PDF bytes of a template; relative URLs are read from static/.

    `stylesheets` are paths under static/ applied to the document, parsed once and reused
    (instead of a <link> in the template, which is fetched and parsed on every render).
    """
    html = render_to_string(template_name, context, request=request)
    base_url = static_dir().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).write_pdf(
        stylesheets=[stylesheet(path) for path in stylesheets], font_config=font_config()
    )


def pdf_response(data, filename, etag=None):
    """A PDF shown in the browser (it can still be saved), never kept in any cache."""
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    # Health data: no shared caches, and no copy left in the browser's cache.
    response["Cache-Control"] = "private, no-store"
    if etag:
        response["ETag"] = f'"{etag}"'
    return response
