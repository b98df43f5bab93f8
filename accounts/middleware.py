from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.db import router
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

# When the password was typed (seconds since the epoch), set at every sign-in.
SIGNED_IN_AT = "accounts_signed_in_at"

# Open to anyone: signing out, resetting a forgotten password, a client's questionnaire.
OPEN = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "intake:form",
    "intake:form-section",
    "intake:thanks",
    # The owner's one-time enrolment link: it asks for the password next if need be.
    "accounts:two-factor-enrol",
}
# Also open to a signed-in user who has no authenticator yet and must set one up.
OPEN_BEFORE_ENROLMENT = {"accounts:two-factor-setup", "password_change", "password_change_done"}


def stamp_sign_in(sender, request, user, **kwargs):
    """user_logged_in: the session remembers when it signed in (SessionLifetimeMiddleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(timezone.now().timestamp())


class SessionLifetimeMiddleware:
    """Sign out a session SESSION_MAX_HOURS after its sign-in, however active it has been.

    The idle timeout (SESSION_COOKIE_AGE) ends a forgotten session; this ends a stolen or
    never-idle one. A signed-in session without a sign-in time (made before this existed) is
    signed out too. After AuthenticationMiddleware; the request then goes on as anonymous,
    so a staff page asks for the password and a client's questionnaire still opens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SESSION_KEY in request.session:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            limit = settings.SESSION_MAX_HOURS * 3600
            if signed_in_at is None or timezone.now().timestamp() - signed_in_at >= limit:
                logout(request)
        return self.get_response(request)


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's middleware (request.user.otp_device, is_verified()), without a query of
    its own for a session verified by the user's authenticator app.

    StaffBackend reads, with the user, the id of their confirmed authenticator app
    (`confirmed_totp_id`): a session whose device is that one was verified by a device that
    exists, is theirs and is confirmed, as django_otp's own read would find. Any other device
    (a recovery code's, a second app's, a user read by another backend) is read as django_otp
    reads it, and django_otp's checks apply to both.
    """

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            device = None
            if persistent_id:
                device = self._read_with_user(user, persistent_id)
                if device is None:
                    device = self._device_from_persistent_id(persistent_id)
            user.otp_device = self._finalize_device(request, user, device)
        return user

    def _read_with_user(self, user, persistent_id):
        app_id = getattr(user, "confirmed_totp_id", None)
        if app_id is None:
            return None
        if self._normalize_persistent_id(persistent_id) != f"{TOTPDevice.model_label()}/{app_id}":
            return None
        # The device as the user's query found it; its other fields load if a page asks.
        return TOTPDevice.from_db(
            router.db_for_read(TOTPDevice), ["id", "user_id", "confirmed"], [app_id, user.pk, True]
        )


class TwoFactorMiddleware:
    """Hold a signed-in user at the second step until two-factor is done.

    A user with a confirmed device who has only typed a password reaches nothing but the
    code page (and logout). With settings.REQUIRE_TWO_FACTOR, a user without a device is sent
    to set one up first. Runs after django_otp's OTPMiddleware, which adds is_verified().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        name = request.resolver_match.view_name
        if name in OPEN:
            return None
        if user_has_device(user):
            if name == "accounts:two-factor-verify":
                return None
            return _redirect_with_next("accounts:two-factor-verify", request)
        if settings.REQUIRE_TWO_FACTOR and name not in OPEN_BEFORE_ENROLMENT:
            return _redirect_with_next("accounts:two-factor-setup", request)
        return None


def _redirect_with_next(view_name, request):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")
