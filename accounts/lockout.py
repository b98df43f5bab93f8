"""What django-axes counts, what a successful sign-in clears, and the owner's unlock.

Failures are counted per username and per address separately (settings.AXES_LOCKOUT_PARAMETERS).
A successful sign-in clears only its own username's failures: axes' own reset on success also
deletes every failure from the signing-in address, which let one insider wipe the guesses at a
colleague's password by signing in to their own account between guesses.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp import devices_for_user


def username_max_length():
    return get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length


def attempted_username(request, credentials=None):
    """The username axes counts a sign-in under (AXES_USERNAME_CALLABLE), cut to the longest a
    username can be: axes stores it in a varchar(255), which PostgreSQL refuses to overflow."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[: username_max_length()] if isinstance(username, str) else username


def clear_own_failures(sender, request, user, **kwargs):
    """On a successful sign-in, forget that username's failures (from every address) and no
    one else's. Connected to user_logged_in in AccountsConfig.ready()."""
    AccessAttempt.objects.filter(username=user.get_username()).delete()


def paused_until(devices):
    """When django-otp next tries a code on the latest paused of `devices`, if that is more than
    a minute away (its first waits, a second or two after one wrong code, pass unnoticed)."""
    soon = timezone.now() + timedelta(minutes=1)
    until = None
    for device in devices:
        allowed, why = device.verify_is_allowed()
        if not allowed and (why or {}).get("locked_until") and why["locked_until"] > soon:
            until = max(until or why["locked_until"], why["locked_until"])
    return until


def two_factor_paused(user):
    """Whether wrong codes have paused any of `user`'s two-factor devices for a while."""
    return paused_until(devices_for_user(user, confirmed=True)) is not None


def unlock_sign_in(user):
    """Lift every sign-in lock on `user`: their password failures (django-axes, from every
    address, so an address locked by their failures alone opens too) and the wait django-otp
    puts on their codes after wrong ones. Returns (failure records removed, devices reset)."""
    removed = axes_reset(username=user.get_username())
    devices = [d for d in devices_for_user(user, confirmed=None) if hasattr(d, "throttle_reset")]
    for device in devices:
        device.throttle_reset(commit=True)
    return removed, len(devices)
