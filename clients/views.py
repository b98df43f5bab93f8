from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from clients import services
from clients.forms import ClientForm, ClientSearchForm
from clients.models import Client
from clients.selectors import client_intakes, dashboard_panels
from intake.selectors import clearance_status
from referrals.selectors import client_referrals

CLIENTS_PER_PAGE = 25


def _get_client_for_user(request, pk):
    """A therapist reaches only their own clients; anyone else's is a 404, not a 403,
    so the existence of a record is not revealed."""
    return get_object_or_404(Client, pk=pk, therapist=request.user)


@login_required
def dashboard(request):
    return render(request, "clients/dashboard.html", dashboard_panels(request.user))


@login_required
def client_list(request):
    form = ClientSearchForm(request.GET or None)
    clients = Client.objects.for_therapist(request.user)
    query = ""
    show_archived = False
    if form.is_valid():
        query = form.cleaned_data["q"]
        show_archived = form.cleaned_data["archived"]
    clients = clients.archived() if show_archived else clients.active()
    if query:
        clients = clients.search(query)
    page = Paginator(clients, CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "clients/client_list.html",
        {"form": form, "page": page, "query": query, "show_archived": show_archived},
    )


@login_required
def client_create(request):
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client.therapist = request.user
        client.save()
        messages.success(request, f"{client.full_name} was added.")
        return redirect(client)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


@login_required
def client_detail(request, pk):
    client = _get_client_for_user(request, pk)
    context = {
        "client": client,
        "clearance_status": clearance_status(client),
        "client_intakes": client_intakes(client),
        "referrals": client_referrals(client),
    }
    return render(request, "clients/client_detail.html", context)


@login_required
def client_update(request, pk):
    client = _get_client_for_user(request, pk)
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{client.full_name} was saved.")
        return redirect(client)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@login_required
@require_POST
def client_archive(request, pk):
    client = _get_client_for_user(request, pk)
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
    client = _get_client_for_user(request, pk)
    if client.is_archived:
        client.archived_at = None
        client.save(update_fields=["archived_at", "updated_at"])
        messages.success(request, f"{client.full_name} was restored.")
    return redirect(client)
