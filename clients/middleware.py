import zoneinfo

from django.utils import timezone

from clients.selectors import therapist_profile


class PracticeTimeZoneMiddleware:
    """Every page a signed-in member of staff opens reads and shows times in their practice's
    zone (Practice settings): the schedule's forms and a note "at 09:00" or an audit entry
    mean the practice's clock, whatever the server's. The profile read here is the one the
    page header reads anyway (kept on the user for the request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        profile = therapist_profile(user) if user and user.is_authenticated else None
        if profile is not None:
            timezone.activate(zoneinfo.ZoneInfo(profile.practice.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
