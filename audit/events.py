"""Writing audit events: who, from where, about which record of which client."""

import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder

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
    names = {field.name for field in obj._meta.fields}
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
        object_type=obj._meta.label_lower,
        object_pk=str(obj.pk) if obj.pk is not None else "",
        object_repr=describe(obj),
        client_pk=client_pk_of(obj),
        changes=as_json(changes or {}),
        via_admin=bool(match and match.namespace == "admin")
        or bool(request is not None and request.path.startswith("/admin/")),
    )


def record_view(obj):
    """A page showing `obj` was opened (GET): recorded only while serving a request."""
    request = current_request.get()
    if request is not None and request.method in ("GET", "HEAD"):
        record(request, action=Event.Action.VIEW, obj=obj)
