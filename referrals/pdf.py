"""Render an HTML template to PDF bytes with WeasyPrint."""

import logging

from django.conf import settings
from django.template.loader import render_to_string

# WeasyPrint reports every layout step at INFO; that is noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402


def render_pdf(template_name, context, request=None):
    """Return the PDF bytes of a template.

    Static files are read from static/ on disk (base_url), never over the network, so a
    PDF renders the same on a machine without internet access.
    """
    html = render_to_string(template_name, context, request=request)
    base_url = str(settings.BASE_DIR / "static") + "/"
    return HTML(string=html, base_url=base_url).write_pdf()
