"""Client records: the list, adding a client and editing their details."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from clients import services, submission
from clients.forms import ClientForm, ClientSearchForm, ContactDetailsForm
from clients.paging import counted_page
from clients.selectors import clients_for_user, get_client_for_user, is_front_desk

CLIENTS_PER_PAGE = 25
# What the list shows of each client (its link needs the pk).
LISTED_FIELDS = ("first_name", "last_name", "preferred_name", "date_of_birth", "email", "phone")


@login_required
def client_list(request):
    form = ClientSearchForm(request.GET or None)
    # Names and contact details only: the front desk sees the practice's clients here too.
    clients = clients_for_user(request.user, clinical=False)
    query = ""
    show_archived = False
    if form.is_valid():
        query = form.cleaned_data["q"]
        show_archived = form.cleaned_data["archived"]
    clients = clients.archived() if show_archived else clients.active()
    if query:
        clients = clients.search(query)
    clients = clients.only(*LISTED_FIELDS)
    page = counted_page(clients, request.GET.get("page"), CLIENTS_PER_PAGE)
    return render(
        request,
        "clients/client_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "show_archived": show_archived,
            "front_desk": is_front_desk(request.user),
        },
    )


@login_required
def client_create(request):
    if is_front_desk(request.user):
        # A client belongs to a therapist; the front desk has none to give them to.
        raise PermissionDenied("A therapist or the practice owner adds clients.")
    form = ClientForm(request.POST or None, initial=submission.initial())
    if request.method == "POST" and form.is_valid():
        details = dict(form.cleaned_data)
        key = details.pop(submission.FIELD_NAME)
        started = timezone.now()
        try:
            client = services.client_create(therapist=request.user, submission_key=key, **details)
        except submission.KeyTaken as error:
            form.add_error(None, error)
            return render(
                request, "clients/client_form.html", {"form": form, "client": None}, status=400
            )
        if client.created_at < started:
            messages.info(request, f"{client.full_name} was already added; here is the record.")
        else:
            messages.success(request, f"{client.full_name} was added.")
        return redirect(client)
    return render(request, "clients/client_form.html", {"form": form, "client": None})


@login_required
def client_update(request, pk):
    front_desk = is_front_desk(request.user)
    client = get_client_for_user(request.user, pk, clinical=not front_desk)
    form_class = ContactDetailsForm if front_desk else ClientForm
    form = form_class(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k in ClientForm.Meta.fields}
        services.client_update_details(client=client, details=details)
        messages.success(request, f"{client.full_name} was saved.")
        if front_desk:
            return redirect("clients:client-list")
        return redirect(client)
    return render(
        request,
        "clients/client_form.html",
        {"form": form, "client": client, "front_desk": front_desk},
    )
