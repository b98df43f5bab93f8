from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from clients.selectors import therapist_profile

# The staff navigation's links (base.html's navbar block, rendered only with a request: the
# client's pages, which may render without one, replace that block).
FRAME_URLS = {
    "dashboard": "dashboard:dashboard",
    "schedule": "schedule:home",
    "clients": "clients:client-list",
    "add_client": "clients:client-create",
    "practice_settings": "records:practice-settings",
    "staff": "records:staff",
    "audit_log": "records:audit-log",
    "emails": "records:emails",
    "rulebook": "intake:rulebook",
    "password_change": "password_change",
    "two_factor": "accounts:two-factor-setup",
    "logout": "logout",
}


@lru_cache
def _frame_urls(script_prefix, urlconf):
    """The frame's URLs, the same on every page: worked out once per process (and prefix
    and URLconf) instead of on every page, where reversing them was half of an empty page's
    rendering."""
    return {key: reverse(name, urlconf=urlconf) for key, name in FRAME_URLS.items()}


def practice(request):
    """The logged-in therapist's practice and role, for the page header (the profile the view
    already read, or one query), and the header's links."""
    urls = _frame_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    frame = {"frame_urls": urls}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frame
    therapist = therapist_profile(user)
    return {
        **frame,
        "current_practice": therapist.practice if therapist else None,
        "staff_role": therapist.role if therapist else None,
    }
