"""The practice owner's pages: the audit log (and its CSV), a client's record as a zip,
erasing a client, the practice's staff accounts. Everyone else gets a 404."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import audit
from accounts.enrolment import enrolment_url
from accounts.lockout import two_factor_paused
from audit.events import reachable_or_404
from audit.models import Event
from clients import services as client_services
from clients.models import Client, Therapist
from clients.selectors import clients_for_user, get_client_for_user, is_owner, therapist_profile
from intake.models import Intake
from messaging.models import Message
from messaging.selectors import OVERDUE_AFTER, messages_overdue
from printing.pdf import pdf_response
from records import services, staff
from records.audit_display import readable_events
from records.forms import (
    KNOWN_ZONES,
    AuditFilterForm,
    EraseForm,
    PracticeSettingsForm,
    StaffCreateForm,
    StaffRoleForm,
)
from records.outbox import message_rows, practice_messages
from records.retention import retention_of
from referrals.files import LetterFileUnreadable
from referrals.views import letter_file_unreadable

EVENTS_PER_PAGE = 100
CSV_CHUNK = 500  # events named and dated together for the CSV (a few queries per chunk)


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _require_owner(request):
    if not is_owner(request.user):
        raise Http404("Only the practice owner reads this.")
    return therapist_profile(request.user).practice


def _filtered_events(request, practice):
    clients = Client.objects.filter(therapist__therapist__practice=practice)
    staff = get_user_model().objects.filter(therapist__practice=practice).order_by("username")
    form = AuditFilterForm(request.GET or None, clients=clients, staff=staff)
    # A failed sign-in has no one signed in: it shows under the login it named.
    failed = Q(action=Event.Action.SIGN_IN_FAILED, object_type="auth.user")
    logins = [str(pk) for pk in staff.values_list("pk", flat=True)]
    events = Event.objects.filter(
        Q(user_pk__in=staff.values("pk"))
        | Q(client_pk__in=clients.values("pk"))
        | (failed & Q(object_pk__in=logins))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["client"]:
            events = events.filter(client_pk=data["client"])
        if data["user"]:
            events = events.filter(Q(user_pk=data["user"]) | (failed & Q(object_pk=data["user"])))
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
    # Reading the log is in the log; a client's history read shows under that client.
    chosen = form.cleaned_data["client"] if form.is_valid() else None
    audit.record_page(request, page="Audit log", client_pk=chosen)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = readable_events(page.object_list, client_names=names)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "records/audit_log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@login_required
def audit_log_csv(request):
    practice = _require_owner(request)
    form, events, names = _filtered_events(request, practice)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    writer = csv.writer(response)
    # The raw columns as stored, then the sentence the page shows.
    writer.writerow(
        ["when", "user", "ip_address", "action", "record", "client", "changes", "event"]
    )
    for chunk in _chunks(events.iterator(chunk_size=CSV_CHUNK), CSV_CHUNK):
        for row in readable_events(chunk, client_names=names):
            event = row.event
            writer.writerow(
                [
                    event.at.isoformat(),
                    event.username,
                    event.ip_address or "",
                    event.action,
                    event.object_repr,
                    row.client_name,
                    "; ".join(f"{k}: {v[0]!r} -> {v[1]!r}" for k, v in event.changes.items()),
                    row.sentence,
                ]
            )
    audit.record(request, action=Event.Action.EXPORT, obj=practice)
    return response


@login_required
def client_export(request, pk):
    _require_owner(request)
    client = get_client_for_user(request.user, pk)
    try:
        data = services.client_export(request=request, client=client)
    except LetterFileUnreadable:
        return letter_file_unreadable(request, client=client)
    name = slugify(client.full_name) or "client"
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="record-{name}.zip"'
    return response


@login_required
def intake_pdf(request, pk):
    """A submitted intake on paper, for the therapist and the owner (the front desk sees no
    answers: a 404, as for anyone else's client)."""
    intake = reachable_or_404(
        Intake.objects.select_related("client", "reviewed_by").filter(
            client__in=clients_for_user(request.user), submitted_at__isnull=False
        ),
        pk=pk,
    )
    pdf, filename = services.intake_print(request=request, intake=intake)
    return pdf_response(pdf, filename)


@login_required
def client_erase(request, pk):
    """A confirmation page first: erasing cannot be undone."""
    _require_owner(request)
    client = get_client_for_user(request.user, pk)
    retention = retention_of(client)
    form = EraseForm(request.POST or None, client=client, retention=retention)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_erase(
                request=request, client=client, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Client #{pk} was erased: their record, intakes, notes and letters are gone. "
                "The audit log keeps that it was done.",
            )
            return redirect("clients:client-list")
    return render(
        request,
        "records/erase_confirm.html",
        {"form": form, "client": client, "retention": retention},
        status=400 if request.method == "POST" else 200,
    )


def _staff_member(request, pk):
    """A login of the owner's practice; anyone else's is a 404."""
    practice = _require_owner(request)
    return get_object_or_404(staff.staff_of(practice), pk=pk)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@login_required
def outbox(request):
    """The emails the practice sent on its own: waiting, sent, not needed, failed. A failed one
    says why; one that failed mid-send may have gone out, so it is never sent again by itself."""
    practice = _require_owner(request)
    audit.record_page(request, page="Emails")
    messages_ = practice_messages(practice)
    page = Paginator(messages_, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "records/outbox.html",
        {
            "page": page,
            "rows": message_rows(page.object_list),
            "failed": Message.Status.FAILED,
            "overdue": messages_overdue(messages_).count(),
            "overdue_minutes": int(OVERDUE_AFTER.total_seconds() // 60),
        },
    )


@login_required
def practice_settings(request):
    """The owner's Practice settings: the letterhead, paper size, time zone and retention.
    Opening the page and every change are in the audit trail (the change with its old and
    new values, audit.tracking)."""
    practice = _require_owner(request)
    form = PracticeSettingsForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        client_services.practice_update(practice=practice, details=form.cleaned_data)
        messages.success(request, "The practice settings were saved.")
        return redirect("records:practice-settings")
    if request.method != "POST":
        audit.record_page(request, page="Practice settings")
    return render(
        request,
        "records/practice_settings.html",
        {"form": form, "zones": sorted(KNOWN_ZONES.values())},
        status=400 if form.errors else 200,
    )


@login_required
def staff_list(request):
    practice = _require_owner(request)
    members = list(staff.staff_of(practice))
    locked = staff.locked_usernames(m.get_username() for m in members)
    for member in members:
        member.is_locked_out = member.get_username() in locked
        member.has_two_factor = staff.has_two_factor(member)
        member.two_factor_paused = two_factor_paused(member)
    return render(
        request,
        "records/staff_list.html",
        {"members": members, "practice": practice, "roles": Therapist.Role.choices},
    )


@login_required
def staff_create(request):
    practice = _require_owner(request)
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = staff.staff_create(practice=practice, data=form.cleaned_data)
        staff.staff_invite(request=request, user=user)
        messages.success(
            request,
            f"{user.get_full_name()} ({user.get_username()}) was added. An email with a link "
            f"to choose their password went to {user.email}.",
        )
        return _enrolment_link_created(
            request, user, *staff.staff_enrolment_link(request=request, user=user)
        )
    return render(request, "records/staff_form.html", {"form": form})


def _enrolment_link_created(request, member, link, token, emailed):
    """The one page that shows a two-factor enrolment link: only its hash is stored."""
    return render(
        request,
        "accounts/enrolment_link_created.html",
        {
            "member": member,
            "link": link,
            "url": enrolment_url(token),
            "emailed": emailed,
            "back_url": reverse("records:staff"),
        },
    )


@login_required
def staff_enrolment_link(request, pk):
    """A new one-time link for a staff member to set up two-factor (the last one was lost or
    expired); their older unused link stops working."""
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    if staff.has_two_factor(member):
        messages.error(
            request,
            f"{member.therapist.display_name} has two-factor set up: reset it first (a lost "
            "phone), which also makes a new link.",
        )
        return redirect("records:staff")
    return _enrolment_link_created(
        request, member, *staff.staff_enrolment_link(request=request, user=member)
    )


@login_required
def staff_role(request, pk):
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    if member == request.user:
        messages.error(request, "You cannot change your own role: the practice keeps its owner.")
        return redirect("records:staff")
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the roles.")
        return redirect("records:staff")
    staff.staff_set_role(user=member, role=form.cleaned_data["role"])
    messages.success(
        request, f"{member.therapist.display_name} is now {member.therapist.get_role_display()}."
    )
    return redirect("records:staff")


def _set_active(request, pk, *, active):
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    if member == request.user:
        messages.error(request, "You cannot deactivate your own account.")
        return redirect("records:staff")
    staff.staff_set_active(user=member, active=active)
    if active:
        messages.success(request, f"{member.therapist.display_name} can sign in again.")
    else:
        messages.success(
            request,
            f"{member.therapist.display_name} is deactivated: they can no longer sign in. "
            "Their clients and records stay as they are.",
        )
    return redirect("records:staff")


@login_required
def staff_deactivate(request, pk):
    return _set_active(request, pk, active=False)


@login_required
def staff_reactivate(request, pk):
    return _set_active(request, pk, active=True)


@login_required
def staff_unlock(request, pk):
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    staff.staff_unlock(request=request, user=member)
    messages.success(
        request, f"{member.therapist.display_name}'s sign-in is unlocked: they can sign in now."
    )
    return redirect("records:staff")


@login_required
def staff_reset_two_factor(request, pk):
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    count, *made = staff.staff_reset_two_factor(request=request, user=member)
    if count:
        messages.success(
            request,
            f"{member.therapist.display_name}'s two-factor is reset: they set up a new "
            "authenticator with the link below.",
        )
    else:
        messages.info(request, f"{member.therapist.display_name} had no two-factor set up.")
    return _enrolment_link_created(request, member, *made)


@login_required
def staff_invite(request, pk):
    """The password link again, for a staff member who has not chosen a password yet (the
    link expired; the stock reset page skips a login without a usable password)."""
    member = _staff_member(request, pk)
    if refused := _post_only(request):
        return refused
    if member.has_usable_password() or not member.email:
        messages.error(
            request,
            f"{member.therapist.display_name} has chosen a password already: they can use "
            "“Forgot your password?” on the sign-in page.",
        )
        return redirect("records:staff")
    staff.staff_invite(request=request, user=member)
    messages.success(request, f"A new link to choose their password went to {member.email}.")
    return redirect("records:staff")
