"""The therapist's dashboard and the client page: every part of a client's care together."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clearance.status import care_status
from clients import services as client_services
from clients.selectors import get_client_for_user
from dashboard import services
from dashboard.selectors import client_timeline, dashboard_panels
from intake.selectors import client_intakes
from notes.pain_chart import pain_chart
from notes.selectors import client_notes
from referrals.selectors import client_referrals


@login_required
def dashboard(request):
    return render(request, "dashboard/dashboard.html", dashboard_panels(request.user))


@login_required
def client_detail(request, pk):
    client = get_client_for_user(request.user, pk)
    care = care_status(client)
    intakes = client_intakes(client)
    notes = client_notes(client)
    context = {
        "client": client,
        "care": care,
        "needs_clearance": care.needs_clearance,
        "client_intakes": intakes,
        "referrals": client_referrals(client),
        "notes": notes,
        "chart": pain_chart(notes),
        "timeline": client_timeline(client, intakes, notes),
    }
    return render(request, "dashboard/client_detail.html", context)


@login_required
@require_POST
def client_archive(request, pk):
    client = get_client_for_user(request.user, pk)
    if not client.is_archived:
        cancelled = services.client_archive(client=client)
        message = f"{client.full_name} was archived. Their records are kept and can be restored."
        if cancelled:
            message += " Their unused intake link was cancelled."
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
