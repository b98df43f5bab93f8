"""One-time form keys: a create form posted twice makes one record.

Each form that creates a record carries a hidden random `submission_key`, made when the empty
form is shown and kept when the form comes back with errors. The record stores the key in a
unique column, so a second post of the same form (a double click, back and resubmit, a
retried request) finds the record the first post made and lands on it. Two posts racing
each other cannot both insert: the unique column refuses the second, which then reads the
first. A post without a key (an old page, a script) is simply not deduplicated.
"""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

KEY_MAX_LENGTH = 64
FIELD_NAME = "submission_key"


def new_key():
    return secrets.token_urlsafe(24)


KEY_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def clean_key(value):
    """The key if it looks like one of ours; anything else counts as no key."""
    value = value if isinstance(value, str) else ""
    return value if KEY_RE.fullmatch(value) else ""


class SubmissionKeyField(forms.CharField):
    """The hidden one-time key of a create form. A missing or malformed key is not an error
    the user could fix (the field is hidden): it only means no deduplication."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def clean(self, value):
        return clean_key(value)


class SubmissionKeyForm(forms.Form):
    """A button-only form (e.g. "Rescreen") that still carries its one-time key."""

    submission_key = SubmissionKeyField()


def initial():
    """The initial data of an empty create form: a fresh key."""
    return {FIELD_NAME: new_key()}


class KeyTaken(ValidationError):
    """The key belongs to someone else's record: a forged or copied form."""

    def __init__(self):
        super().__init__("This form is out of date. Reload the page and enter it again.")


def key_model_field():
    from django.db import models

    return models.CharField(
        max_length=KEY_MAX_LENGTH, null=True, blank=True, unique=True, editable=False
    )


def create_once(queryset, *, key, create):
    """(record, created): the record of `queryset` made with `key`, or a new one from create().

    `queryset` holds only what the caller may land on (their own records), so a key used by
    someone else is refused instead of revealing their record.
    """
    if key:
        existing = queryset.filter(submission_key=key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = queryset.filter(submission_key=key).first() if key else None
        if existing is None:
            if key and queryset.model._default_manager.filter(submission_key=key).exists():
                raise KeyTaken() from None
            raise
        return existing, False
