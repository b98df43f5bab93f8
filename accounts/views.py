"""Two-factor sign-in (django-otp TOTP, with single-use recovery codes), its enrolment
through a one-time link from the practice owner, and the lockout page."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.forms import CodeForm
from accounts.lockout import paused_until
from accounts.models import RecoveryCodeDevice


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_svg(uri):
    """The otpauth:// URI as an inline SVG QR code (no image request, no external service)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # qrcode's own markup, no user input


def _second_factor_passed(request, device):
    """django-otp's login, then a new session key: the one the password step used (which
    anyone who saw it before the code could hold) is deleted and no longer signs in."""
    otp_login(request, device)
    request.session.cycle_key()


def two_factor_enrol(request, token):
    """The owner's one-time link: remembered in the session, then on to sign-in or set-up.

    Open without signing in, so the token never travels in a login page's ?next=; the
    session keeps the link through the sign-in (Django's login keeps an anonymous
    session's data under a new key).
    """
    link = enrolment.enrolment_link_for_token(token)
    if link is None:
        return render(request, "accounts/enrolment_link_invalid.html", status=404)
    if request.user.is_authenticated and request.user != link.user:
        return render(
            request, "accounts/enrolment_link_invalid.html", {"other_user": True}, status=403
        )
    request.session[enrolment.SESSION_KEY] = link.pk
    setup = reverse("accounts:two-factor-setup")
    if request.user.is_authenticated:
        return redirect(setup)
    return redirect(f"{reverse('login')}?{urlencode({'next': setup})}")


@login_required
def two_factor_setup(request):
    """Add an authenticator app: scan, type one code to prove it works, get recovery codes.

    Only with a usable enrolment link opened in this session: the password alone does not
    let anyone bind their own phone to the account.
    """
    if user_has_device(request.user):
        recovery = RecoveryCodeDevice.objects.filter(user=request.user).first()
        remaining = recovery.code_set.count() if recovery else 0
        return render(
            request, "registration/two_factor_enabled.html", {"recovery_codes_left": remaining}
        )
    link = enrolment.enrolment_link_in_session(request)
    if link is None:
        return render(request, "accounts/enrolment_link_needed.html")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = CodeForm(
        request.POST or None, help_text="The 6-digit code your app shows for this account."
    )
    if form.is_valid():
        with transaction.atomic():
            if verify_token(request.user, device.persistent_id, form.cleaned_data["code"]):
                if not enrolment.enrolment_link_use(request=request, link=link):
                    # Used or expired since the page was shown (another tab, a slow typist).
                    return render(request, "accounts/enrolment_link_needed.html")
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(request.user)
                _second_factor_passed(request, device)
                return render(
                    request,
                    "registration/two_factor_recovery_codes.html",
                    {"codes": codes, "next": _next_url(request)},
                )
        form.add_error("code", "That code did not match. Check the app's clock and try again.")
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": _spaced(device.key),
            "next": request.GET.get("next", ""),
        },
    )


def _spaced(hex_key):
    """The key in base32, as authenticator apps ask for it when typed, in groups of four."""
    secret = b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _new_recovery_codes(user):
    device, _ = RecoveryCodeDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    return device.replace_codes()


@login_required
def two_factor_verify(request):
    """The second sign-in step: a code from the app, or one recovery code (used up)."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(request.user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(
        request.POST or None,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
    )
    if form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(request.user):
            if _is_app_code(code) != isinstance(device, TOTPDevice):
                continue  # django-otp pauses a device after wrong codes: only its own kind count
            verified = verify_token(request.user, device.persistent_id, code)
            if verified:
                _second_factor_passed(request, verified)
                return redirect(_next_url(request))
        app_paused_until = paused_until(
            TOTPDevice.objects.filter(user=request.user, confirmed=True)
        )
        if app_paused_until:
            form.add_error(
                "code",
                "Too many wrong codes: the app's codes are paused until "
                f"{timezone.localtime(app_paused_until):%H:%M}. To sign in now, use one of your "
                "recovery codes, or ask the practice owner to unlock your sign-in.",
            )
        else:
            form.add_error("code", "That code did not work. Wait for a new one and try again.")
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _is_app_code(code):
    """An authenticator app shows 6 digits; a recovery code is 8 letters and digits."""
    return len(code) == 6 and code.isdigit()


def locked_out(request, original_response=None, credentials=None):
    """django-axes' response to a locked-out sign-in: the login page, saying what to do."""
    return render(
        request,
        "registration/login.html",
        {
            "form": AuthenticationForm(request),
            "locked_out": True,
            "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
            "next": request.POST.get("next", ""),
        },
        status=429,
    )
