"""The request being served, so model writes deep in a service know who made them."""

from contextvars import ContextVar

current_request = ContextVar("audit_current_request", default=None)


class AuditContextMiddleware:
    """Remembers the request for the audit trail; after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
