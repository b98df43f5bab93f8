"""The request being served, so model writes deep in a service know who made them; and the
reads and refusals no view records itself."""

import re
from contextvars import ContextVar

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError

current_request = ContextVar("audit_current_request", default=None)

# Admin pages that show records: a list, one record, one record's history.
ADMIN_READS = ("_changelist", "_change", "_history")
# A URL whose route names a client: its pk is the client's.
CLIENT_ROUTE = re.compile(r"clients/<int:pk>/")


class AuditContextMiddleware:
    """Remembers the request for the audit trail; after AuthenticationMiddleware.

    On the way out it records, for a signed-in user, what no view records itself: an admin
    page showing records, and a refusal (a 403 or 404 on one of our URLs) that the access
    helpers did not already record about its record (audit.events.reachable_or_404).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            response = self.get_response(request)
            match = getattr(request, "resolver_match", None)
            user = getattr(request, "user", None)
            if match is not None and user is not None and user.is_authenticated:
                if response.status_code in (403, 404):
                    _refused(request, match)
                elif response.status_code == 200 and request.method in ("GET", "HEAD"):
                    _admin_read(request, match)
            return response
        finally:
            current_request.reset(token)


def _refused(request, match):
    from audit.events import write
    from audit.models import Event

    if getattr(request, "audit_refusal_recorded", False):
        return
    pk = match.kwargs.get("client_pk")
    if pk is None and CLIENT_ROUTE.search(match.route or ""):
        pk = match.kwargs.get("pk")
    write(
        request,
        action=Event.Action.REFUSED,
        object_type="page",
        # Numbers only: a string argument may be a credential (an intake link's token).
        object_pk=" ".join(
            f"{key}={value}"
            for key, value in sorted(match.kwargs.items())
            if isinstance(value, int)
        )[:64],
        object_repr=match.view_name[:200],
        client_pk=_existing_client(pk),
    )


def _existing_client(pk):
    from django.apps import apps

    if not isinstance(pk, int):
        return None
    return pk if apps.get_model("clients", "Client")._base_manager.filter(pk=pk).exists() else None


def _admin_read(request, match):
    from audit.events import record, write
    from audit.models import Event

    model_admin = getattr(match.func, "model_admin", None)
    if match.namespace != "admin" or model_admin is None:
        return
    if not (match.url_name or "").endswith(ADMIN_READS):
        return
    model = model_admin.model
    object_id = match.kwargs.get("object_id")
    if object_id is None:
        write(
            request,
            action=Event.Action.VIEW,
            object_type=model._meta.label_lower,
            object_repr=f"List of {model._meta.verbose_name_plural}",
        )
        return
    try:
        obj = model._base_manager.filter(pk=unquote(object_id)).first()
    except (ValueError, ValidationError):
        obj = None
    if obj is not None:
        record(request, action=Event.Action.VIEW, obj=obj)
