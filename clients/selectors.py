"""Reads of client records."""

from django.db.models import Count, Window

from audit.events import reachable_or_404, record_view
from clients.models import Client, Therapist


def clients_for_user(user, *, clinical=True):
    """The clients a staff login may reach, by role.

    A therapist reaches their own clients; the practice owner every client of the practice;
    the front desk every client of the practice, but only for contact details and intake
    links: asked for clinical content (`clinical=True`, the default) it reaches none. A
    login without a staff profile reaches none.
    """
    profile = therapist_profile(user) if user.is_authenticated else None
    if profile is None:
        return Client.objects.none()
    if profile.role == Therapist.Role.THERAPIST:
        return Client.objects.filter(therapist=user)
    if profile.role == Therapist.Role.FRONT_DESK and clinical:
        return Client.objects.none()
    return Client.objects.filter(therapist__therapist__practice_id=profile.practice_id)


def treats_clients(user):
    """Whether the user's role, read on this request, lets them see their own clients' health
    records: a therapist or the owner does; the front desk and a login without a staff profile
    do not.

    A therapist moved to the front desk still is the therapist of their clients (until the
    owner gives them to someone else), so "the clients whose therapist is this login" is not
    enough for the lists of one's own work (the dashboard's): they ask this first, and from
    the next request on a demoted therapist sees none of their clients' health data.
    """
    profile = therapist_profile(user) if user.is_authenticated else None
    return profile is not None and profile.role != Therapist.Role.FRONT_DESK


def treated_clients(user, *, therapist_id=None):
    """The clients whose care the user's lists of work (the dashboard's) cover: a therapist
    their own; the owner the whole practice's, or with `therapist_id` one therapist's of
    the practice (the owner's own included); none unless treats_clients."""
    if not treats_clients(user):
        return Client.objects.none()
    profile = therapist_profile(user)
    if profile.role != Therapist.Role.OWNER:
        return Client.objects.for_therapist(user)
    clients = Client.objects.filter(therapist__therapist__practice_id=profile.practice_id)
    return clients if therapist_id is None else clients.filter(therapist_id=therapist_id)


def sees_practice_work(user):
    """Whether the user's dashboard covers the whole practice (the owner's) rather than
    their own clients: its rows then name each client's therapist."""
    return is_owner(user)


def is_owner(user):
    profile = therapist_profile(user) if user.is_authenticated else None
    return profile is not None and profile.role == Therapist.Role.OWNER


def is_front_desk(user):
    profile = therapist_profile(user) if user.is_authenticated else None
    return profile is not None and profile.role == Therapist.Role.FRONT_DESK


def get_client_for_user(user, pk, *, clinical=True):
    """A client the user may reach (see clients_for_user); anyone else's is a 404, not a
    403, so the existence of a record is not revealed. Every page that shows a client uses
    this, and opening one is recorded in the audit trail, as is a refusal."""
    client = reachable_or_404(clients_for_user(user, clinical=clinical), pk=pk)
    record_view(client)
    return client


def recent_clients(user, limit=8, *, therapist_id=None, counted=False):
    """The latest updated active clients of treated_clients: names, links and update times;
    `counted` gives each `active_total`, the count of all the active ones (a window)."""
    clients = treated_clients(user, therapist_id=therapist_id)
    clients = clients.active().order_by("-updated_at", "-pk")
    if counted:
        clients = clients.annotate(active_total=Window(Count("pk")))
    return clients.only("first_name", "last_name", "updated_at")[:limit]


def therapist_profile(user):
    """The user's therapist profile with its practice (one query, then kept on the user for
    the rest of the request), or None for a staff login without one (an administrator)."""
    if user is None or not getattr(user, "pk", None):
        return None
    related = user.__class__.therapist.related  # user may be request.user, a lazy object
    if not related.is_cached(user):
        profile = Therapist.objects.select_related("practice").filter(user=user).first()
        related.set_cached_value(user, profile)
    try:
        return user.therapist
    except Therapist.DoesNotExist:
        return None
