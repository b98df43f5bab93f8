"""Render the printable documents (referral letters, self-care handouts) with WeasyPrint.

Every document reads its stylesheets, fonts and drawings from the app's own static/ folder
and nothing else: no network, no other file on the machine, whatever a template or a
client's text contains.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

# WeasyPrint reports every layout step at INFO; that is noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402


def static_dir():
    return Path(settings.BASE_DIR, "static").resolve()


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


def render_pdf(template_name, context, request=None):
    """Return the PDF bytes of a template; relative URLs are read from static/."""
    html = render_to_string(template_name, context, request=request)
    base_url = static_dir().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).write_pdf()


def pdf_response(data, filename, etag=None):
    """A PDF shown in the browser (it can still be saved), never kept in any cache."""
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    # Health data: no shared caches, and no copy left in the browser's cache.
    response["Cache-Control"] = "private, no-store"
    if etag:
        response["ETag"] = f'"{etag}"'
    return response
