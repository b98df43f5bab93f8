"""Keep the secrets in URLs out of every log line.

An intake link's token (/intake/f/<token>/) opens a client's health questionnaire, and a
password-reset link (/account/reset/<uid>/<token>/) sets a password and a two-factor
enrolment link (/account/two-factor/enrol/<token>/) binds a phone, a calendar feed
(/schedule/feed/<token>.ics) shows a therapist's week and a reminders link
(/schedule/reminders-off/<token>/) changes a client's record: all are credentials.
Django logs request paths (django.request for 404s and errors, django.server under
runserver), and gunicorn's access log does too (config/gunicorn.py).
"""

import logging
import re
from urllib.parse import quote, unquote

REDACTED = "[redacted]"


def _patterns(segment):
    return [
        (re.compile(rf"(/intake/f/){segment}"), rf"\g<1>{REDACTED}"),
        (re.compile(rf"(/account/reset/){segment}/{segment}"), rf"\g<1>{REDACTED}"),
        (re.compile(rf"(/account/two-factor/enrol/){segment}"), rf"\g<1>{REDACTED}"),
        # A therapist's calendar feed shows their week; the reminders link stops a client's.
        (re.compile(rf"(/schedule/feed/){segment}"), rf"\g<1>{REDACTED}"),
        (re.compile(rf"(/schedule/reminders-off/){segment}"), rf"\g<1>{REDACTED}"),
    ]


# In a log line a path segment ends at a space, a quote, a query or a fragment.
_PATTERNS = _patterns(r"[^/\s?#\"']+")
# Decoded from percent-escapes, anything up to the next slash was part of the segment
# Django saw (a %0A or %3F included).
_DECODED_PATTERNS = _patterns(r"[^/]+")


# A stretch of a log line holding percent-escapes: a raw request line or a Referer.
_ENCODED = re.compile(r"[^\s\"']*%[0-9A-Fa-f]{2}[^\s\"']*")
# Enough for a link encoded twice or thrice by mail clients and proxies.
_DECODE_ROUNDS = 4
# Kept as they are when a redacted stretch is written back; the rest is escaped again, so
# decoding never puts a newline or a quote into a log line.
_SAFE = "/:?#[]@!$&()*+,;=-._~"


def _decoded(text):
    for _ in range(_DECODE_ROUNDS):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def _redact_plain(text, patterns=_PATTERNS):
    for pattern, replacement in patterns:
        text = pattern.sub(replacement, text)
    return text


def _redact_encoded(match):
    """A percent-encoded path reaches the same page once decoded (/intake/f%2F<token>/ is
    /intake/f/<token>/ to Django), so it is matched decoded; when it holds a token it is
    written back decoded and redacted, else left as it was."""
    raw = match.group(0)
    decoded = _decoded(raw)
    redacted = _redact_plain(decoded, _DECODED_PATTERNS)
    return raw if redacted == decoded else quote(redacted, safe=_SAFE)


def redact(text):
    """The text with the token of every private link in it replaced by [redacted], also
    where the link is percent-encoded (once or more)."""
    text = _redact_plain(text)
    return _ENCODED.sub(_redact_encoded, text) if "%" in text else text


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
