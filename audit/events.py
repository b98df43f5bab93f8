"""Writing audit events: who, from where, about which record of which client."""

import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404

from accounts.backends import client_ip_address
from audit.context import current_request
from audit.models import Event

# A record's client is found through these links (an amendment's note, a screening's intake).
PARENTS = ("intake", "note", "letter")


def client_pk_of(obj):
    if obj._meta.label_lower == "clients.client":
        return obj.pk
    if getattr(obj, "client_id", None) is not None:
        return obj.client_id
    names = {field.name for field in obj._meta.fields if field.many_to_one or field.one_to_one}
    for name in PARENTS:
        if name in names:
            try:
                parent = getattr(obj, name)
            except ObjectDoesNotExist:
                return None
            return client_pk_of(parent) if parent is not None else None
    return None


def describe(obj):
    """ "Session note #12": the kind and number, never a name, so the trail holds no PHI
    outside the diffs."""
    return f"{str(obj._meta.verbose_name).capitalize()} #{obj.pk}"


def as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def record(request, *, action, obj, changes=None):
    return write(
        request,
        action=action,
        object_type=obj._meta.label_lower,
        object_pk=str(obj.pk) if obj.pk is not None else "",
        object_repr=describe(obj),
        client_pk=client_pk_of(obj),
        changes=changes,
    )


def write(request, *, action, object_type, object_repr, object_pk="", client_pk=None, changes=None):
    """One event, described by hand: for what is not one record (a page, a list, a sign-in
    with an unknown username)."""
    request = request if request is not None else current_request.get()
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    match = getattr(request, "resolver_match", None)
    return Event.objects.create(
        user_pk=user.pk if user else None,
        username=user.get_username() if user else "",
        ip_address=client_ip_address(request) if request is not None else None,
        action=action,
        object_type=object_type,
        object_pk=object_pk,
        object_repr=object_repr,
        client_pk=client_pk,
        changes=as_json(changes or {}),
        via_admin=bool(match and match.namespace == "admin")
        or bool(request is not None and request.path.startswith("/admin/")),
    )


def record_page(request, *, page, client_pk=None):
    """A page that shows no one record was opened: the dashboard, the audit log."""
    return write(
        request, action=Event.Action.VIEW, object_type="page", object_repr=page, client_pk=client_pk
    )


def record_view(obj):
    """A page showing `obj` was opened (GET): recorded only while serving a request."""
    request = current_request.get()
    if request is not None and request.method in ("GET", "HEAD"):
        record(request, action=Event.Action.VIEW, obj=obj)


def refuse(obj):
    """A signed-in user asked for `obj` and was refused (a 404: it is not theirs). Recorded
    about the record itself, so it shows under its client; the request is marked so
    AuditContextMiddleware does not record the same refusal again by its page."""
    request = current_request.get()
    if request is not None:
        request.audit_refusal_recorded = True
    return record(request, action=Event.Action.REFUSED, obj=obj)


def reachable_or_404(reachable, **lookup):
    """The object of the queryset `reachable` matching `lookup`, or a 404; when the object
    exists but is not in `reachable` (someone else's client), the refusal is recorded."""
    try:
        return reachable.get(**lookup)
    except reachable.model.DoesNotExist:
        other = reachable.model._base_manager.filter(**lookup).first()
        if other is not None:
            refuse(other)
        raise Http404(f"No {reachable.model._meta.verbose_name} matches the given query.") from None
