"""The practice owner's pages: the audit log (and its CSV), a client's record as a zip,
erasing a client. Everyone else gets a 404."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify

import audit
from audit.models import Event
from clients.models import Client
from clients.selectors import get_client_for_user, is_owner, therapist_profile
from records import services
from records.forms import AuditFilterForm, EraseForm

EVENTS_PER_PAGE = 100


def _require_owner(request):
    if not is_owner(request.user):
        raise Http404("Only the practice owner reads this.")
    return therapist_profile(request.user).practice


def _filtered_events(request, practice):
    clients = Client.objects.filter(therapist__therapist__practice=practice)
    staff = get_user_model().objects.filter(therapist__practice=practice).order_by("username")
    form = AuditFilterForm(request.GET or None, clients=clients, staff=staff)
    events = Event.objects.filter(
        Q(user_pk__in=staff.values("pk")) | Q(client_pk__in=clients.values("pk"))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["client"]:
            events = events.filter(client_pk=data["client"])
        if data["user"]:
            events = events.filter(user_pk=data["user"])
        zone = timezone.get_current_timezone()
        if data["date_from"]:
            start = datetime.datetime.combine(data["date_from"], datetime.time.min, zone)
            events = events.filter(at__gte=start)
        if data["date_to"]:
            end = datetime.datetime.combine(data["date_to"], datetime.time.max, zone)
            events = events.filter(at__lte=end)
    names = {c.pk: c.full_name for c in clients}
    return form, events, names


@login_required
def audit_log(request):
    practice = _require_owner(request)
    form, events, names = _filtered_events(request, practice)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.client_name = _client_name(event, names)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "records/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _client_name(event, names):
    if event.client_pk is None:
        return ""
    return names.get(event.client_pk, f"Client #{event.client_pk} (erased)")


@login_required
def audit_log_csv(request):
    practice = _require_owner(request)
    form, events, names = _filtered_events(request, practice)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    writer = csv.writer(response)
    writer.writerow(["when", "user", "ip_address", "action", "record", "client", "changes"])
    for event in events.iterator():
        writer.writerow(
            [
                event.at.isoformat(),
                event.username,
                event.ip_address or "",
                event.action,
                event.object_repr,
                _client_name(event, names),
                "; ".join(f"{k}: {v[0]!r} -> {v[1]!r}" for k, v in event.changes.items()),
            ]
        )
    audit.record(request, action=Event.Action.EXPORT, obj=practice)
    return response


@login_required
def client_export(request, pk):
    _require_owner(request)
    client = get_client_for_user(request.user, pk)
    data = services.client_export(request=request, client=client)
    name = slugify(client.full_name) or "client"
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="record-{name}.zip"'
    return response


@login_required
def client_erase(request, pk):
    """A confirmation page first: erasing cannot be undone."""
    _require_owner(request)
    client = get_client_for_user(request.user, pk)
    form = EraseForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        services.client_erase(request=request, client=client)
        messages.success(
            request,
            f"Client #{pk} was erased: their record, intakes, notes and letters are gone. "
            "The audit log keeps that it was done.",
        )
        return redirect("clients:client-list")
    return render(request, "records/erase_confirm.html", {"form": form, "client": client})
