from clients.models import Therapist


def practice(request):
    """The logged-in therapist's practice, for the page header (one query, with the
    therapist's profile)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    therapist = Therapist.objects.select_related("practice").filter(user=user).first()
    return {
        "current_practice": therapist.practice if therapist else None,
        "staff_role": therapist.role if therapist else None,
    }
