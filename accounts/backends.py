"""Sign-in backends: django-axes' counting of failures, and the staff login itself."""

import functools

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models.expressions import RawSQL
from django_otp.plugins.otp_totp.models import TOTPDevice


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, but authenticate() without a request passes through uncounted.

    Only the shell and management commands call authenticate() without a request; every
    sign-in over the web (our login page, the admin's) passes one and is counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class StaffBackend(ModelBackend):
    """Django's username and password sign-in, whose signed-in user comes with the staff
    profile and practice every staff page reads (the role, the practice's name in the
    header) and the id of their confirmed authenticator app, which two-factor checks on
    every page (accounts.middleware.OTPMiddleware): one query on each request instead of
    three."""

    def get_user(self, user_id):
        # The related name is the accounts layer's only knowledge of the profile; the
        # profile's app (clients) sits above this one and is not imported.
        users = (
            get_user_model()
            ._default_manager.select_related("therapist__practice")
            .annotate(confirmed_totp_id=RawSQL(_confirmed_app_sql(), []))
        )
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _confirmed_app_sql():
    """The id of the user's first confirmed authenticator app, as a column of their row.

    Written once, by hand: the same Subquery() built by the ORM on every request cost more
    Python than the query it saves."""
    quote = connection.ops.quote_name
    device, user = TOTPDevice._meta, get_user_model()._meta
    table = quote(device.db_table)
    return (
        f"SELECT MIN({table}.{quote(device.pk.column)}) FROM {table}"
        f" WHERE {table}.{quote(device.get_field('user').column)}"
        f" = {quote(user.db_table)}.{quote(user.pk.column)}"
        f" AND {table}.{quote(device.get_field('confirmed').column)}"
    )


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
