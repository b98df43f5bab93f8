"""The schedule's pages: a therapist's day and week, the practice's day, booking, moving,
cancelling and marking appointments, the practice's appointment types and working hours,
and a therapist's private calendar feed.

Every page shows and takes times in the practice's time zone (activated for the request).
The front desk books, moves, cancels and marks arrivals and no-shows; it sees no tier badge.
"""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

import audit
from audit.events import reachable_or_404, record_view
from audit.events import write as audit_write
from audit.models import Event
from clients import submission
from clients.models import Client
from clients.selectors import is_front_desk, is_owner, therapist_profile
from clients.services import client_reminders_stop
from schedule import messages as messages_module
from schedule import selectors, services
from schedule.calendar import FEED_AHEAD, FEED_PAST, feed_ics
from schedule.forms import (
    AppointmentTypeForm,
    BookingForm,
    CancelForm,
    ClientSearchForm,
    MoveForm,
    TimeOffForm,
    WorkingHoursForm,
)
from schedule.models import (
    Appointment,
    AppointmentType,
    CalendarFeed,
    TimeOff,
    WorkingHours,
    hash_feed_token,
)

SEARCH_RESULTS = 20


def _profile_or_404(user):
    profile = therapist_profile(user)
    if profile is None:
        raise Http404("No staff profile.")
    return profile


def _owner_or_404(user):
    if not is_owner(user):
        raise Http404("The practice owner's page.")
    return therapist_profile(user)


def _day_from(request):
    """The ?date= asked for, or today in the practice's zone."""
    try:
        return datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _context(request, **extra):
    return {
        "clinical": selectors.is_clinical(request.user),
        "front_desk": is_front_desk(request.user),
        "zone_name": timezone.get_current_timezone_name(),
        **extra,
    }


# --- Days and weeks -------------------------------------------------------------------


@login_required
def schedule_home(request):
    """The practice's day for the owner and the front desk, one's own day for a therapist."""
    if is_owner(request.user) or is_front_desk(request.user):
        return practice_day(request)
    return day(request)


@login_required
def day(request):
    """The signed-in therapist's own day."""
    if is_front_desk(request.user):
        return redirect("schedule:practice-day")
    audit.record_page(request, page="Schedule: day")
    date = _day_from(request)
    columns = []
    if therapist_profile(request.user) is not None:
        columns = selectors.day_columns(
            [request.user],
            date,
            timezone.get_current_timezone(),
            clinical=selectors.is_clinical(request.user),
        )
    return render(
        request,
        "schedule/day.html",
        _context(
            request,
            date=date,
            column=columns[0] if columns else None,
            previous=date - datetime.timedelta(days=1),
            next=date + datetime.timedelta(days=1),
        ),
    )


@login_required
def week(request):
    """The signed-in therapist's own week, Monday to Sunday."""
    if is_front_desk(request.user):
        return redirect("schedule:practice-day")
    audit.record_page(request, page="Schedule: week")
    date = _day_from(request)
    monday = date - datetime.timedelta(days=date.weekday())
    days = []
    if therapist_profile(request.user) is not None:
        days = selectors.week_days(
            request.user,
            monday,
            timezone.get_current_timezone(),
            clinical=selectors.is_clinical(request.user),
        )
    return render(
        request,
        "schedule/week.html",
        _context(
            request,
            monday=monday,
            sunday=monday + datetime.timedelta(days=6),
            days=days,
            today=timezone.localdate(),
            previous=monday - datetime.timedelta(days=7),
            next=monday + datetime.timedelta(days=7),
        ),
    )


@login_required
def practice_day(request):
    """The practice's day, a column per therapist: for the owner and the front desk."""
    if not (is_owner(request.user) or is_front_desk(request.user)):
        return day(request)
    profile = therapist_profile(request.user)
    audit.record_page(request, page="Schedule: practice day")
    date = _day_from(request)
    columns = selectors.day_columns(
        selectors.treating_staff(profile.practice_id),
        date,
        timezone.get_current_timezone(),
        clinical=selectors.is_clinical(request.user),
    )
    return render(
        request,
        "schedule/practice_day.html",
        _context(
            request,
            date=date,
            columns=columns,
            previous=date - datetime.timedelta(days=1),
            next=date + datetime.timedelta(days=1),
        ),
    )


# --- Booking and changing an appointment ------------------------------------------------


def _apply_service_error(form, error):
    """A service's ValidationError shown next to the form's field: "start" is the time."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        target = "time" if name == "start" else name
        form.add_error(target if target in form.fields else None, errors)


@login_required
def book(request):
    """Pick a client (a search), then a type, a date and a time."""
    profile = therapist_profile(request.user)
    if profile is None:
        return render(request, "schedule/no_profile.html", _context(request))
    clients = selectors.bookable_clients(request.user)
    types = selectors.appointment_types(profile.practice)
    client = None
    chosen = request.POST.get("client") or request.GET.get("client")
    if chosen:
        try:
            client = reachable_or_404(clients.select_related("therapist"), pk=int(chosen))
        except ValueError:
            raise Http404("No such client.") from None
        record_view(client)
    if client is None:
        search = ClientSearchForm(request.GET or None)
        found = []
        if search.is_valid() and search.cleaned_data["q"]:
            found = list(clients.search(search.cleaned_data["q"])[:SEARCH_RESULTS])
        return render(
            request,
            "schedule/book_pick_client.html",
            _context(request, search=search, found=found, searched=search.is_bound),
        )
    initial = {"client": client.pk, **submission.initial()}
    if request.GET.get("date"):
        initial["date"] = request.GET["date"]
    if request.GET.get("time"):
        initial["time"] = request.GET["time"]
    form = BookingForm(
        request.POST or None, initial=initial, types=types, zone=timezone.get_current_timezone()
    )
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_book(
                client=client,
                appointment_type=form.cleaned_data["appointment_type"],
                start=form.cleaned_data["start"],
                booked_by=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            _apply_service_error(form, error)
        else:
            local = timezone.localtime(appointment.start)
            messages.success(
                request,
                f"{client.full_name} is booked for {local:%A} {local.day} {local:%B} at "
                f"{local:%H:%M}.",
            )
            return redirect(appointment)
    return render(
        request,
        "schedule/book.html",
        _context(request, form=form, client=client, no_types=not types.exists()),
    )


@login_required
def appointment_detail(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    rows = selectors.rows_for([appointment], clinical=selectors.is_clinical(request.user))
    return render(
        request,
        "schedule/appointment_detail.html",
        _context(
            request,
            appointment=appointment,
            row=rows[0],
            marks=_marks_for(request.user, appointment),
            therapist_name=_name(appointment.therapist),
        ),
    )


def _name(user):
    return user.get_full_name() or user.get_username()


def _marks_for(user, appointment):
    """The marks this login may set on the appointment now, as (status, label)."""
    allowed = services.FRONT_DESK_MARKS if is_front_desk(user) else services.MARKS
    return [
        (status, Appointment.Status(status).label)
        for status, follows in services.MARKS.items()
        if status in allowed and appointment.status in follows
    ]


@login_required
def appointment_move(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    profile = _profile_or_404(request.user)
    types = selectors.appointment_types(profile.practice).filter(
        Q(active=True) | Q(pk=appointment.appointment_type_id)
    )
    local = timezone.localtime(appointment.start)
    form = MoveForm(
        request.POST or None,
        initial={
            "appointment_type": appointment.appointment_type_id,
            "date": local.date(),
            "time": local.time(),
        },
        types=types,
        zone=timezone.get_current_timezone(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_move(
                appointment=appointment,
                start=form.cleaned_data["start"],
                appointment_type=form.cleaned_data["appointment_type"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_service_error(form, error)
        else:
            new = timezone.localtime(appointment.start)
            messages.success(request, f"Moved to {new:%A} {new.day} {new:%B} at {new:%H:%M}.")
            return redirect(appointment)
    return render(
        request,
        "schedule/appointment_move.html",
        _context(request, appointment=appointment, form=form),
    )


@login_required
def appointment_cancel(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_cancel(
                appointment=appointment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The appointment was cancelled; its time is free again.")
            return redirect(appointment)
    return render(
        request,
        "schedule/appointment_cancel.html",
        _context(request, appointment=appointment, form=form),
    )


@login_required
@require_POST
def appointment_mark(request, pk):
    appointment = selectors.get_appointment_for_user(request.user, pk)
    status = request.POST.get("status", "")
    try:
        services.appointment_mark(appointment=appointment, status=status, by=request.user)
    except PermissionDenied:
        messages.error(request, "Only the therapist marks a session completed.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Marked {appointment.get_status_display().lower()}.")
    return redirect(request.POST.get("next") if _safe_next(request) else appointment)


def _safe_next(request):
    target = request.POST.get("next", "")
    return target.startswith("/schedule/") and "//" not in target


# --- The practice's settings (owner) ---------------------------------------------------


@login_required
def appointment_types(request):
    profile = _owner_or_404(request.user)
    audit.record_page(request, page="Schedule: appointment types")
    form = AppointmentTypeForm(request.POST or None, practice=profile.practice)
    if request.method == "POST" and form.is_valid():
        services.appointment_type_save(practice=profile.practice, data=form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['name']} was added.")
        return redirect("schedule:types")
    return render(
        request,
        "schedule/types.html",
        _context(
            request,
            form=form,
            types=selectors.appointment_types(profile.practice, active_only=False),
        ),
    )


@login_required
def appointment_type_edit(request, pk):
    profile = _owner_or_404(request.user)
    kind = get_object_or_404(AppointmentType, pk=pk, practice=profile.practice)
    form = AppointmentTypeForm(request.POST or None, instance=kind, practice=profile.practice)
    if request.method == "POST" and form.is_valid():
        services.appointment_type_save(
            practice=profile.practice, data=form.cleaned_data, appointment_type=kind
        )
        messages.success(request, f"{kind.name} was saved.")
        return redirect("schedule:types")
    return render(
        request,
        "schedule/type_edit.html",
        _context(request, form=form, kind=kind),
    )


@login_required
def working_hours(request):
    """The practice's working hours and time off, per therapist: the owner's page."""
    profile = _owner_or_404(request.user)
    staff = selectors.treating_staff(profile.practice_id)
    staff_qs = get_user_model().objects.filter(pk__in=[u.pk for u in staff])
    zone = timezone.get_current_timezone()
    posted = request.POST.get("form") if request.method == "POST" else None
    hours_form = WorkingHoursForm(
        request.POST if posted == "hours" else None,
        therapists=staff_qs,
        initial={"valid_from": timezone.localdate(), "form": "hours"},
    )
    off_form = TimeOffForm(
        request.POST if posted == "time-off" else None,
        therapists=staff_qs,
        zone=zone,
        initial={"form": "time-off"},
    )
    if posted == "hours" and hours_form.is_valid():
        data = dict(hours_form.cleaned_data)
        data.pop("form")
        try:
            services.working_hours_add(**data)
        except ValidationError as error:
            _apply_service_error(hours_form, error)
        else:
            messages.success(request, "Working hours added.")
            return redirect("schedule:hours")
    if posted == "time-off" and off_form.is_valid():
        data = off_form.cleaned_data
        services.time_off_add(
            therapist=data["therapist"], start=data["start"], end=data["end"], reason=data["reason"]
        )
        messages.success(request, "Time off added.")
        booked = (
            Appointment.objects.filter(therapist=data["therapist"])
            .holding_time()
            .overlapping(data["start"], data["end"])
            .count()
        )
        if booked:
            messages.warning(
                request,
                f"{booked} appointment{'s are' if booked > 1 else ' is'} booked in this time "
                "off and stay booked: move or cancel them from the practice's day.",
            )
        return redirect("schedule:hours")
    rules = WorkingHours.objects.filter(therapist__in=staff)
    time_off = TimeOff.objects.filter(therapist__in=staff, end__gte=timezone.now())
    by_therapist = [
        {
            "therapist": user,
            "rules": [r for r in rules if r.therapist_id == user.pk],
            "time_off": [t for t in time_off if t.therapist_id == user.pk],
        }
        for user in staff
    ]
    return render(
        request,
        "schedule/hours.html",
        _context(request, hours_form=hours_form, off_form=off_form, by_therapist=by_therapist),
    )


@login_required
def working_hours_remove(request, pk):
    profile = _owner_or_404(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rule = get_object_or_404(
        WorkingHours, pk=pk, therapist__therapist__practice_id=profile.practice_id
    )
    services.working_hours_remove(rule=rule)
    messages.success(request, "Those hours were removed. Booked appointments stay booked.")
    return redirect("schedule:hours")


@login_required
def time_off_remove(request, pk):
    profile = _owner_or_404(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    off = get_object_or_404(TimeOff, pk=pk, therapist__therapist__practice_id=profile.practice_id)
    services.time_off_remove(time_off=off)
    messages.success(request, "That time off was removed.")
    return redirect("schedule:hours")


# --- The private calendar feed -----------------------------------------------------------


@login_required
def feed_settings(request):
    """Create, replace or revoke one's private calendar address; the address is shown
    once, when it is made."""
    profile = therapist_profile(request.user)
    if profile is None:
        return render(request, "schedule/no_profile.html", _context(request))
    if profile.role == profile.Role.FRONT_DESK:
        raise Http404("The front desk has no appointments of its own.")
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.calendar_feed_revoke(therapist=request.user):
                messages.success(request, "The calendar address no longer works.")
            return redirect("schedule:feed-settings")
        if request.POST.get("action") == "create":
            _, token = services.calendar_feed_create(therapist=request.user)
    url = (
        request.build_absolute_uri(reverse("schedule:feed", kwargs={"token": token}))
        if token
        else None
    )
    return render(
        request,
        "schedule/feed_settings.html",
        _context(request, feed=selectors.live_feed(request.user), url=url),
    )


def feed(request, token):
    """The calendar file a phone's calendar app fetches: no login, the secret address is
    the key. Each fetch is recorded in the audit trail."""
    feed = (
        CalendarFeed.objects.select_related("therapist")
        .filter(token_hash=hash_feed_token(token), revoked_at=None)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar.")
    therapist = feed.therapist
    now = timezone.now()
    appointments = (
        Appointment.objects.filter(
            therapist=therapist, start__gte=now - FEED_PAST, start__lt=now + FEED_AHEAD
        )
        .exclude(status=Appointment.Status.NO_SHOW)
        .select_related("client")
        .only("pk", "start", "end", "status", "updated_at", *selectors.CLIENT_FIELDS)
    )
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    audit_write(
        request,
        action=Event.Action.VIEW,
        object_type="schedule.calendarfeed",
        object_pk=str(feed.pk),
        object_repr=f"Calendar feed #{feed.pk} of {therapist.get_username()}",
    )
    body = feed_ics(appointments, name="Appointments")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def reminders_off(request, token):
    """The link at the foot of every reminder: one press stops them. No login (the signed
    link is the key) and nothing about the client is shown to whoever holds it."""
    pk = messages_module.client_pk_from_reminders_off(token)
    client = Client.objects.filter(pk=pk).select_related("therapist__therapist__practice")
    client = client.first() if pk is not None else None
    if client is None:
        return render(request, "schedule/reminders_off.html", {"state": "unknown"}, status=404)
    profile = therapist_profile(client.therapist)
    practice_name = profile.practice.name if profile else ""
    state = "off" if client.reminders_opt_out else "ask"
    if request.method == "POST" and state == "ask":
        client_reminders_stop(client=client)
        state = "stopped"
    context = {"state": state, "practice_name": practice_name}
    return render(request, "schedule/reminders_off.html", context)
