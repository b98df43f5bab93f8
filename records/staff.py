"""The practice owner's staff accounts: who they are, adding one, and the owner's actions on
them (role, active, unlocking a locked sign-in, resetting two-factor, the one-time link with
which they set up two-factor).

Changes to a login or a staff profile are recorded by audit.tracking on save, a two-factor
device deleted by audit/sign_in.py, an enrolment link by accounts.enrolment; unlocking changes
no tracked model, so it is recorded here.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_otp import devices_for_user

import audit
from accounts.enrolment import enrolment_link_create, enrolment_link_email
from accounts.lockout import two_factor_paused, unlock_sign_in
from accounts.passwords import reset_email_context
from audit.models import Event
from clients.models import Therapist
from records.forms import StaffInviteForm


def staff_of(practice):
    """Every login with a staff profile in `practice`, by name."""
    return (
        get_user_model()
        .objects.filter(therapist__practice=practice)
        .select_related("therapist")
        .order_by("last_name", "first_name", "username")
    )


def locked_usernames(usernames):
    """Those of `usernames` whose sign-in django-axes refuses now (too many failures within
    the cool-off)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    # Summed over addresses, as axes counts a username: one row per username and address.
    return set(
        AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
    )


def has_two_factor(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


@transaction.atomic
def staff_create(*, practice, data):
    """A login with no usable password and its staff profile in `practice`."""
    user = get_user_model()(
        username=data["username"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
    )
    user.set_unusable_password()
    user.save()
    Therapist.objects.create(
        user=user,
        practice=practice,
        role=data["role"],
        designation=data["designation"],
        licence_number=data["licence_number"],
    )
    return user


def staff_invite(*, request, user):
    """Django's password-reset email to the new login, so they choose their own password."""
    form = StaffInviteForm(user=user)
    form.is_valid()
    form.save(
        request=request,
        subject_template_name="records/staff_invite_subject.txt",
        email_template_name="records/staff_invite_email.txt",
        extra_email_context={**reset_email_context(), "practice": user.therapist.practice},
    )


def staff_set_role(*, user, role):
    profile = user.therapist
    profile.role = role
    profile.save(update_fields=["role", "updated_at"])


def staff_set_active(*, user, active):
    user.is_active = active
    user.save(update_fields=["is_active"])


@transaction.atomic
def staff_unlock(*, request, user):
    """Lift `user`'s sign-in lockout (their password failures, from every address) and the
    pause wrong codes put on their two-factor step, which anyone with the password can cause."""
    changes = {"sign-in lockout": ["locked", "unlocked"]}
    if two_factor_paused(user):
        changes["two-factor codes"] = ["paused", "unpaused"]
    removed, _ = unlock_sign_in(user)
    audit.record(request, action=Event.Action.CHANGE, obj=user, changes=changes)
    return removed


def staff_enrolment_link(*, request, user):
    """A new one-time link for `user` to set up two-factor, emailed to them if they have an
    address; returns (link, token, emailed). Their older unused link stops working."""
    link, token = enrolment_link_create(request=request, user=user)
    return link, token, enrolment_link_email(link=link, token=token)


def staff_reset_two_factor(*, request, user):
    """Delete every authenticator and recovery-code set of `user` (a lost phone) and give
    them a new enrolment link; returns (devices deleted, link, token, emailed)."""
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()  # each recorded as "Removed two-factor" (audit/sign_in.py)
        link, token = enrolment_link_create(request=request, user=user)
    # Emailed once the reset is saved: a slow mail server holds no transaction open.
    return len(devices), link, token, enrolment_link_email(link=link, token=token)
