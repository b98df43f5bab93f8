"""A calm answer when the database cannot be reached.

A view that fails because the database is down or locked out (OperationalError,
InterfaceError) answers 503 with a plain page instead of a server error: nothing the user
saved is lost, and they can try again in a moment. The page is rendered without the request,
so no context processor, session or user lookup touches the database again.
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


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        log_outage(exception)
        return unavailable_response(render_to_string("503.html"))


def server_error(request):
    """handler500: a database error raised anywhere (a middleware reading the session, say,
    before any view runs) is the calm 503 page too; anything else is the usual 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable_response(render_to_string("503.html"))
    return defaults.server_error(request)
