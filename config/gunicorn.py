"""gunicorn settings: `gunicorn -c python:config.gunicorn config.wsgi` (see the Dockerfile).

The access log keeps one line per request but with the tokens of private links redacted
by the same function as Django's logs (config/redaction.py).
"""

from gunicorn.glogging import Logger

from config.redaction import redact

accesslog = "-"
errorlog = "-"


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        return {
            key: redact(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }


logger_class = RedactingLogger
