"""Sign-ins, failed sign-ins, sign-outs, and two-factor set up or removed, in the audit trail.

Recorded from Django's and django-otp's own signals rather than in accounts/ (which sits
below audit/ and cannot call it): so a device added or deleted in the admin, a shell or a
future page is recorded as surely as one set up on our pages.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from django_otp.models import Device

from audit.events import record, write
from audit.models import Event

# Longer than any username can be: not looked up (PostgreSQL refuses NUL characters too).
USERNAME_MAX = 150


def _signed_in(sender, request, user, **kwargs):
    record(request, action=Event.Action.SIGN_IN, obj=user)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, action=Event.Action.SIGN_OUT, obj=user)


def _target(username):
    """The login a failed sign-in named, if one exists. What was typed is never stored: a
    password typed into the username field would otherwise sit in the trail."""
    if not isinstance(username, str) or len(username) > USERNAME_MAX or "\x00" in username:
        return None
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    user = _target(credentials.get(get_user_model().USERNAME_FIELD))
    if user is not None:
        record(request, action=Event.Action.SIGN_IN_FAILED, obj=user)
        return
    write(
        request,
        action=Event.Action.SIGN_IN_FAILED,
        object_type=get_user_model()._meta.label_lower,
        object_repr="Unknown username",
    )


def _device_loaded(sender, instance, **kwargs):
    # As loaded (or constructed); __dict__ so a deferred field is not read again.
    instance._audit_was_confirmed = instance.__dict__.get("confirmed", False)


def _user_event(action, device, changes):
    # By id: a device deleted with its user must not look the user up again.
    write(
        None,
        action=action,
        object_type=get_user_model()._meta.label_lower,
        object_pk=str(device.user_id),
        object_repr=f"User #{device.user_id}",
        changes=changes,
    )


def _device_saving(sender, instance, raw=False, **kwargs):
    """Is this save a second factor set up: a device created confirmed, or confirmed now?
    Every sign-in saves the device too; those ask the database nothing."""
    if raw or not instance.confirmed:
        return
    if instance._state.adding:
        instance._audit_enrolling = True
    elif not getattr(instance, "_audit_was_confirmed", False):
        was = sender._base_manager.filter(pk=instance.pk, confirmed=True).exists()
        instance._audit_enrolling = not was


def _device_saved(sender, instance, **kwargs):
    if instance.__dict__.pop("_audit_enrolling", False):
        _user_event(Event.Action.TWO_FACTOR_ENROL, instance, {"two-factor": [None, instance.name]})
    instance._audit_was_confirmed = instance.confirmed


def _device_deleted(sender, instance, **kwargs):
    """A confirmed device deleted: the owner's "Reset two-factor", the admin, a shell."""
    if instance.confirmed:
        _user_event(Event.Action.TWO_FACTOR_RESET, instance, {"two-factor": [instance.name, None]})


def connect():
    user_logged_in.connect(_signed_in, dispatch_uid="audit-sign-in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit-sign-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    for model in apps.get_models():
        if issubclass(model, Device):
            uid = f"audit-{model._meta.label}"
            post_init.connect(_device_loaded, sender=model, dispatch_uid=uid)
            pre_save.connect(_device_saving, sender=model, dispatch_uid=uid)
            post_save.connect(_device_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_device_deleted, sender=model, dispatch_uid=uid)
