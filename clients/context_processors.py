def practice(request):
    """The logged-in therapist's practice, for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    therapist = getattr(user, "therapist", None)
    return {"current_practice": therapist.practice if therapist else None}
