"""Keep the secrets in URLs out of every log line.

An intake link's token (/intake/f/<token>/) opens a client's health questionnaire, and a
password-reset link (/account/reset/<uid>/<token>/) sets a password and a two-factor
enrolment link (/account/two-factor/enrol/<token>/) binds a phone: all are credentials.
Django logs request paths (django.request for 404s and errors, django.server under
runserver), and gunicorn's access log does too (config/gunicorn.py).
"""

import logging
import re

REDACTED = "[redacted]"
_PATTERNS = [
    (re.compile(r"(/intake/f/)[^/\s?#\"']+"), rf"\g<1>{REDACTED}"),
    (re.compile(r"(/account/reset/)[^/\s?#\"']+/[^/\s?#\"']+"), rf"\g<1>{REDACTED}"),
    (re.compile(r"(/account/two-factor/enrol/)[^/\s?#\"']+"), rf"\g<1>{REDACTED}"),
]


def redact(text):
    """The text with the token of every private link in it replaced by [redacted]."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactTokensFilter(logging.Filter):
    """A handler filter that redacts a record's message, arguments and traceback in place.

    The message is formatted here (args merged in) so a token split across msg and args, or
    inside an object's repr, cannot survive; the traceback is formatted once and redacted
    too, since exception messages can quote the path.
    """

    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        for name in ("request_line", "path"):
            if isinstance(getattr(record, name, None), str):
                setattr(record, name, redact(getattr(record, name)))
        return True
