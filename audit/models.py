"""The audit trail: one append-only row per thing done to a health record."""

from django.db import models


class AppendOnly(Exception):
    """An audit event was about to be changed or deleted."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit events cannot be deleted.")

    def redact_changes_for_client(self, client_pk):
        """Erasure's one exception: the values in the diffs of an erased client's events are
        replaced, so the trail keeps who did what when, but none of their health data. The
        database lets this UPDATE through only once the trail records the client's erasure."""
        # The erasure's own event keeps its reason (the owner's words, not the client's data).
        events = list(
            self.filter(client_pk=client_pk).exclude(changes={}).exclude(action=Event.Action.ERASE)
        )
        for event in events:
            redacted = {field: ["[erased]", "[erased]"] for field in event.changes}
            models.QuerySet.update(self.filter(pk=event.pk), changes=redacted)
        return len(events)


class Event(models.Model):
    """Who did what to which record, when and from where.

    Rows are only ever added: save() refuses an update and delete() refuses, as do the
    queryset's update() and delete(), and the admin shows them read-only; below that, the
    database's own triggers refuse UPDATE and DELETE, raw SQL included (migration 0003).
    object_repr names the record by kind and number ("Session note #12"), never by a
    client's name.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        SIGN = "sign", "Signed"
        EXPORT = "export", "Exported"
        PDF = "pdf", "Downloaded PDF"
        ERASE = "erase", "Erased"
        # Access refused: a 404 or 403 to a signed-in user (someone else's client, say).
        REFUSED = "refused", "Refused"
        SIGN_IN = "sign_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGN_OUT = "sign_out", "Signed out"
        TWO_FACTOR_ENROL = "2fa_enrol", "Set up two-factor"
        TWO_FACTOR_RESET = "2fa_reset", "Removed two-factor"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No foreign keys: an event outlives the user and the record it names (an erased client,
    # a deleted letter) and is never touched by their deletion.
    user_pk = models.BigIntegerField(null=True, blank=True, db_index=True)
    username = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100, help_text="app_label.model")
    object_pk = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200)
    client_pk = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text="field: [old, new] for a change."
    )
    via_admin = models.BooleanField(default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        who = self.username or "system"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit events cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit events cannot be deleted.")
