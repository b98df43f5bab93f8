"""django-axes wiring: which sign-ins are counted, and from which address."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, but authenticate() without a request passes through uncounted.

    Only the shell and management commands call authenticate() without a request; every
    sign-in over the web (our login page, the admin's) passes one and is counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_address(request):
    """The address failures are counted against.

    Behind the one TLS-terminating proxy of DJANGO_BEHIND_PROXY=true, the right-most
    X-Forwarded-For entry is the address the proxy itself saw (entries to its left are
    whatever the client sent, so they are never trusted); otherwise the socket's address.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")
