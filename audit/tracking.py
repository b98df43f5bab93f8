"""Every create, change and delete of a health record (and of staff accounts) is recorded,
whoever makes it: our pages, a service, the admin or a shell.

Signals are used here, not explicit calls in each service, so a write added later is
recorded without anyone remembering to; queryset.update() bypasses them (see README).
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save

from accounts.signals import two_factor_changed
from audit.events import as_json, record
from audit.models import Event

TRACKED = (
    "auth.User",
    "clients.Practice",
    "clients.Therapist",
    "clients.Client",
    "intake.Intake",
    "intake.Screening",
    "intake.InPersonAnswer",
    "clearance.Clearance",
    "notes.SessionNote",
    "notes.NoteAmendment",
    "referrals.ReferralLetter",
    "referrals.LetterReply",
    "schedule.Appointment",
    "schedule.AppointmentType",
    "schedule.WorkingHours",
    "schedule.TimeOff",
    "schedule.CalendarFeed",
)
# Derived or bookkeeping fields whose changes say nothing (an intake link's opened and last
# active times are its status, kept on the row, not changes to the record).
IGNORED = {
    "updated_at",
    "search_text",
    "phone_digits",
    "last_login",
    "first_opened_at",
    "last_active_at",
}
# Recorded as changed, without their values: secrets, stored PDFs, and a client's answers
# while they are still typing (each saved step would otherwise copy health answers into the
# log; the submitted answers stay on the intake itself).
HIDDEN = {"password", "token_hash", "pdf", "draft_answers"}
# A change that sets one of these is a signature: a note signed, a letter finalised.
SIGNING = {"signed_at", "finalised_at"}


def _values(instance, names=None):
    fields = [
        f for f in instance._meta.concrete_fields if f.attname not in IGNORED and not f.primary_key
    ]
    if names is not None:
        fields = [f for f in fields if f.name in names or f.attname in names]
    return {f.attname: getattr(instance, f.attname) for f in fields}


def _bytes(value):
    return bytes(value) if isinstance(value, memoryview) else value


def save_with_old_values(instance, old, **save_kwargs):
    """Save `instance`, telling the audit trail the values its row holds now (`old`, by
    attribute name), so it need not read the row again to find what changed.

    Only for a caller that read the row under a lock it still holds, and took `old` before
    changing anything: then `old` is what the database has. Fields missing from `old` are
    read from the database as usual."""
    instance._audit_known_old = old
    try:
        instance.save(**save_kwargs)
    finally:
        instance.__dict__.pop("_audit_known_old", None)


def _before(sender, instance, raw=False, update_fields=None, **kwargs):
    known = instance.__dict__.pop("_audit_known_old", None)
    if raw or instance._state.adding or instance.pk is None:
        return
    names = [f.attname for f in instance._meta.concrete_fields if f.attname not in IGNORED]
    if update_fields is not None:
        names = [n for n in names if n in update_fields or n.removesuffix("_id") in update_fields]
    if known is not None and all(name in known for name in names):
        instance._audit_old = {name: known[name] for name in names}
        return
    old = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    instance._audit_old = old


def _after(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        record(None, action=Event.Action.CREATE, obj=instance)
        return
    old = instance.__dict__.pop("_audit_old", None)
    if old is None:
        return
    new = _values(instance, old.keys())
    changes = {}
    for name, value in new.items():
        before = old.get(name)
        if name in HIDDEN:
            before, value = _bytes(before), _bytes(value)
            if before != value:
                changes[name] = ["[hidden]" if before else None, "[hidden]" if value else None]
            continue
        before, after = as_json(before), as_json(value)
        if before != after:
            changes[name] = [before, after]
    if not changes:
        return
    signing = any(changes.get(name, [1])[0] is None for name in SIGNING & changes.keys())
    action = Event.Action.SIGN if signing else Event.Action.CHANGE
    record(None, action=action, obj=instance, changes=changes)


def _deleted(sender, instance, **kwargs):
    record(None, action=Event.Action.DELETE, obj=instance)


def _two_factor_changed(sender, request, user, changes, **kwargs):
    record(request, action=Event.Action.CHANGE, obj=user, changes=changes)


def connect():
    two_factor_changed.connect(_two_factor_changed, dispatch_uid="audit-two-factor")
    for label in TRACKED:
        model = apps.get_model(label)
        uid = f"audit-{label}"
        pre_save.connect(_before, sender=model, dispatch_uid=uid)
        post_save.connect(_after, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
