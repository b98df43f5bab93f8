from clients.selectors import therapist_profile


def practice(request):
    """The logged-in therapist's practice and role, for the page header (the profile the view
    already read, or one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    therapist = therapist_profile(user)
    return {
        "current_practice": therapist.practice if therapist else None,
        "staff_role": therapist.role if therapist else None,
    }
