"""The therapist's dashboard and the client page: every part of a client's care together."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

import audit
from clearance.status import care_status
from clients import services as client_services
from clients.paging import counted_page
from clients.selectors import get_client_for_user, is_front_desk
from dashboard import services
from dashboard.selectors import (
    LISTS,
    client_timeline,
    dashboard_panels,
    front_desk_panels,
    name_therapists,
    therapist_choices,
)
from intake.selectors import client_intakes
from notes.pain_chart import CHART_SESSIONS, pain_chart
from notes.selectors import client_sessions
from referrals.selectors import client_referrals
from schedule.selectors import client_upcoming_appointments

LIST_PAGE_SIZE = 25
SESSIONS_PER_PAGE = 20
TIMELINE_SIZE = 15  # entries on the client page; the timeline page has them all
TIMELINE_PAGE_SIZE = 50

# The template and context name of each dashboard list (see dashboard.selectors.LISTS).
LIST_TEMPLATES = {
    "intakes-to-review": ("dashboard/panels/intakes_to_review.html", "intakes_to_review"),
    "clients-needing-clearance": (
        "dashboard/panels/clients_needing_clearance.html",
        "clients_needing_clearance",
    ),
    "outstanding-letters": ("dashboard/panels/outstanding_referrals.html", "outstanding_referrals"),
    "unsent-letters": ("dashboard/panels/unsent_letters.html", "unfinished_referrals"),
    "waiting-for-client": ("dashboard/panels/waiting_for_client.html", "waiting_for_client"),
}


def _chosen_therapist(request, therapists):
    """The owner's `?therapist=ID` filter: one of `therapists`, or None (the whole
    practice) for anything else, which the page then shows as "All therapists"."""
    wanted = request.GET.get("therapist", "")
    return next((t for t in therapists if str(t.pk) == wanted), None)


@login_required
def dashboard(request):
    audit.record_page(request, page="Dashboard")
    if is_front_desk(request.user):
        # Its own dashboard, whatever the user treated before their role changed.
        return render(request, "dashboard/front_desk.html", front_desk_panels(request.user))
    therapists = therapist_choices(request.user)
    chosen = _chosen_therapist(request, therapists)
    context = dashboard_panels(
        request.user, therapist_id=chosen.pk if chosen else None, therapists=therapists
    )
    context.update(therapists=therapists, chosen_therapist=chosen)
    return render(request, "dashboard/dashboard.html", context)


@login_required
def dashboard_list(request, name):
    """Every row of one dashboard panel, a page at a time (the owner's, the practice's or
    one therapist's, as on the dashboard)."""
    if name not in LISTS:
        raise Http404("No such list.")
    heading, rows = LISTS[name]
    template, variable = LIST_TEMPLATES[name]
    audit.record_page(request, page=f"Dashboard: {heading}")
    therapists = therapist_choices(request.user)
    chosen = _chosen_therapist(request, therapists)
    rows = rows(request.user, therapist_id=chosen.pk if chosen else None)
    page = counted_page(rows, request.GET.get("page"), LIST_PAGE_SIZE)
    if therapists and chosen is None:
        name_therapists(page.object_list, therapists)
    context = {
        "heading": heading + (f" ({chosen.get_full_name() or chosen.username})" if chosen else ""),
        "page": page,
        "panel_template": template,
        "chosen_therapist": chosen,
        # The pages of a filtered list keep the filter.
        "page_param": f"therapist={chosen.pk}&page" if chosen else "page",
        variable: page.object_list,
    }
    return render(request, "dashboard/list_all.html", context)


@login_required
def client_detail(request, pk):
    client = get_client_for_user(request.user, pk)
    care = care_status(client)
    sessions = client_sessions(
        client,
        request.GET.get("sessions"),
        per_page=SESSIONS_PER_PAGE,
        chart_size=CHART_SESSIONS,
    )
    intakes = client_intakes(client)
    referrals = client_referrals(client, status=care)
    timeline = client_timeline(
        client,
        limit=TIMELINE_SIZE,
        intakes=intakes,
        notes=sessions.latest,
        letters=referrals.letters,
        clearances=referrals.clearances,
    )
    context = {
        "client": client,
        "care": care,
        "needs_clearance": care.needs_clearance,
        "client_intakes": intakes,
        "referrals": referrals,
        "notes": sessions.page.object_list,
        "sessions": sessions.page,
        "chart": pain_chart(sessions.latest, total=sessions.page.paginator.count),
        "timeline": timeline[:TIMELINE_SIZE],
        "timeline_more": len(timeline) > TIMELINE_SIZE,
    }
    return render(request, "dashboard/client_detail.html", context)


@login_required
def client_timeline_page(request, pk):
    """The client's whole timeline, a page at a time."""
    client = get_client_for_user(request.user, pk)
    page = Paginator(client_timeline(client), TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboard/client_timeline.html",
        {"client": client, "page": page, "timeline": page.object_list},
    )


@login_required
@require_POST
def client_archive(request, pk):
    client = get_client_for_user(request.user, pk)
    if not client.is_archived:
        # Cancelling visits cannot be undone by restoring the client: ask first.
        upcoming = client_upcoming_appointments(client)
        if upcoming and request.POST.get("cancel_appointments") != "yes":
            audit.record_page(request, page="Archive: upcoming appointments", client_pk=client.pk)
            return render(
                request,
                "dashboard/client_archive_confirm.html",
                {"client": client, "appointments": upcoming},
            )
        archived = services.client_archive(client=client, by=request.user)
        message = f"{client.full_name} was archived. Their records are kept and can be restored."
        if archived.links_cancelled:
            message += " Their unused intake link was cancelled."
        if archived.appointments_cancelled:
            message += (
                f" {archived.appointments_cancelled} upcoming appointment"
                f"{pluralize(archived.appointments_cancelled)} cancelled: no reminder goes out."
            )
        messages.success(request, message)
    return redirect(client)


@login_required
@require_POST
def client_restore(request, pk):
    client = get_client_for_user(request.user, pk)
    if client.is_archived:
        client_services.client_restore(client=client)
        messages.success(request, f"{client.full_name} was restored.")
    return redirect(client)
