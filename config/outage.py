"""A calm answer when the database cannot be reached.

A request that fails because the database is down or locked out (OperationalError,
InterfaceError) answers 503 with a plain page instead of a server error (server_error, the
handler500): nothing the user saved is lost, and they can try again in a moment. The page is
rendered without the request, so no context processor, session or user lookup touches the
database again.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger("config.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_response(html):
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def log_outage(exception):
    # The path is left out: a client's link carries its token in it.
    logger.error("The database is unavailable: %s", type(exception).__name__, exc_info=exception)


def server_error(request):
    """handler500, the one path to the calm 503 page: a database error raised anywhere (in a
    view, or in a middleware reading the session before any view runs) reaches Django's
    exception handling, which logs it (django.request, its path redacted) and calls this
    with the exception still being handled. Anything else is the usual 500 page.

    With DEBUG on, Django shows its technical error page instead, as for any error."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable_response(render_to_string("503.html"))
    return defaults.server_error(request)
