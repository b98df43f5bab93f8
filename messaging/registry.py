"""How each kind of message is built, registered by the app that knows the thing it is about.

The outbox sits low in the layers and knows no appointment or intake: an app above registers a
builder for its kinds (`@message_kind("schedule.reminder")`), called when the message is due.
"""

from dataclasses import dataclass, field

_BUILDERS = {}
_LABELS = {}


class Skip(Exception):  # noqa: N818 - a decision, not an error: "skip this message"
    """Raised by a builder when the message is no longer wanted (the appointment was
    cancelled, the intake already submitted): it is recorded as skipped, never sent."""


@dataclass
class Email:
    subject: str
    body: str
    # Overrides the message's recipient: the address is read when the email is sent.
    to: str = ""
    html_body: str | None = None
    reply_to: list[str] = field(default_factory=list)
    # (filename, content, mimetype)
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)


def message_kind(kind, *, label=""):
    """Register the decorated function as the builder of `kind`: builder(message) -> Email.
    `label` names the kind for people ("Appointment reminder")."""

    def register(builder):
        if kind in _BUILDERS and _BUILDERS[kind] is not builder:
            raise ValueError(f"message kind {kind!r} is registered twice")
        _BUILDERS[kind] = builder
        _LABELS[kind] = label or kind
        return builder

    return register


def label_of(kind):
    return _LABELS.get(kind, kind)


def builder_for(kind):
    try:
        return _BUILDERS[kind]
    except KeyError:
        raise ValueError(f"no builder is registered for message kind {kind!r}") from None


def registered_kinds():
    return sorted(_BUILDERS)
