"""The client's rights: their whole record as one file, and erasure."""

import io
import json
import zipfile

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

import audit
from audit.models import Event
from clearance.models import Clearance
from intake.models import Intake
from messaging.services import messages_erase
from notes.models import SessionNote
from records import fhir, printouts
from records.disk import reclaim_after_erasure
from records.retention import retention_of
from referrals.files import delete_letter_files
from referrals.models import ReferralLetter
from schedule.models import Appointment

# Never in an export: a hash of the private link's token says nothing to the client.
NOT_EXPORTED = {"token_hash", "search_text", "phone_digits"}


def _row(obj):
    """Every stored field of a record (binary and file fields apart: a letter's PDF is a
    file in the zip)."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not isinstance(field, models.BinaryField | models.FileField)
        and field.attname not in NOT_EXPORTED
    }


def _m2m(obj):
    return {
        field.name: [item.pk for item in getattr(obj, field.name).all()]
        for field in obj._meta.many_to_many
    }


def client_record(client):
    """The client's whole record as plain data, and the letter PDFs by file name."""
    pdfs = {}
    letters = []
    for letter in ReferralLetter.objects.filter(client=client).order_by("pk"):
        row = _row(letter)
        row["replies"] = [_row(reply) for reply in letter.replies.order_by("pk")]
        if letter.pdf:
            name = f"letters/letter-{letter.pk}-v{letter.version}.pdf"
            pdfs[name] = letter.pdf_bytes()
            row["pdf_file"] = name
        letters.append(row)
    data = {
        "exported_at": timezone.now(),
        "client": _row(client),
        "intakes": [
            {**_row(intake), "screenings": [_row(s) for s in intake.screenings.order_by("pk")]}
            for intake in Intake.objects.filter(client=client).order_by("pk")
        ],
        "session_notes": [
            {
                **_row(note),
                **_m2m(note),
                "amendments": [_row(a) for a in note.amendments.order_by("pk")],
            }
            for note in SessionNote.objects.filter(client=client).order_by("pk")
        ],
        "referral_letters": letters,
        "clearances": [_row(c) for c in Clearance.objects.filter(client=client).order_by("pk")],
    }
    return data, pdfs


def access_history(client):
    """Who opened, changed, signed, downloaded or was refused the client's records, and when:
    the audit trail's events about them, oldest first. Staff addresses are left out; the
    values in a change are the client's own data."""
    events = list(Event.objects.filter(client_pk=client.pk).order_by("at", "pk"))
    staff = get_user_model().objects.filter(pk__in={e.user_pk for e in events if e.user_pk})
    names = {user.pk: user.get_full_name() for user in staff}
    return [
        {
            "at": event.at,
            "by": names.get(event.user_pk) or event.username or "(you, or the system)",
            "username": event.username,
            "action": event.get_action_display(),
            "record": event.object_repr,
            "in_the_admin": event.via_admin,
            "changes": event.changes,
        }
        for event in events
    ]


def client_export(*, request, client):
    """One zip: record.pdf for the client to read; record.json with everything and
    access_history.json (the audit trail about the client) for machines; fhir/bundle.json,
    the same record as a FHIR R4 Bundle for the next system; and the stored letter PDFs as
    they were sent.
    """
    data, pdfs = client_record(client)
    history = access_history(client)
    bundle = fhir.client_bundle(client, now=data["exported_at"])
    letter_files = {
        row["id"]: row["pdf_file"] for row in data["referral_letters"] if "pdf_file" in row
    }
    readable = printouts.record_pdf(
        client, history=history, pdf_files=letter_files, exported_at=data["exported_at"]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.pdf", readable)
        archive.writestr("record.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        archive.writestr(
            "access_history.json", json.dumps(history, cls=DjangoJSONEncoder, indent=2)
        )
        archive.writestr("fhir/bundle.json", fhir.bundle_json(bundle))
        for name, content in pdfs.items():
            archive.writestr(name, content)
    audit.record(request, action=Event.Action.EXPORT, obj=client)
    return buffer.getvalue()


def intake_print(*, request, intake):
    """The intake as a PDF (bytes, file name), recorded in the audit trail as a PDF
    download."""
    pdf, filename = printouts.intake_pdf(intake)
    audit.record(request, action=Event.Action.PDF, obj=intake)
    return pdf, filename


@transaction.atomic
def client_erase(*, request, client, reason=""):
    """Erase a client on their request: every row of their health data is deleted.

    Inside the practice's retention period (records.retention) the erasure needs a reason,
    which the erasure's audit event keeps. The audit trail keeps who did what and when (and
    the erasure itself), with the values in its diffs replaced; the admin's history loses
    the records' names.
    """
    reason = " ".join(reason.split())
    retention = retention_of(client)
    if retention.inside and not reason:
        raise ValidationError(
            {
                "reason": f"The record is kept until {retention.until:%-d %B %Y}: say why it is "
                "erased now."
            }
        )
    pk = client.pk
    audit.record(
        request,
        action=Event.Action.ERASE,
        obj=client,
        changes={"reason": ["", reason]} if reason else None,
    )
    records = {
        model: list(model.objects.filter(client=client).values_list("pk", flat=True))
        for model in (Intake, SessionNote, ReferralLetter, Clearance, Appointment)
    }
    named = [(ContentType.objects.get_for_model(client), [pk])]
    named += [(ContentType.objects.get_for_model(model), pks) for model, pks in records.items()]
    # The outbox keeps no address of theirs, nor the rows about their visits and intakes.
    topics = [
        f"{model.TOPIC_PREFIX}{pk}" for model in (Appointment, Intake) for pk in records[model]
    ]
    messages_erase(topics=topics, recipient=client.email)
    letter_files = list(
        ReferralLetter.objects.filter(client=client).exclude(pdf="").values_list("pdf", flat=True)
    )
    # A correction PROTECTs the letter it corrects; both go.
    ReferralLetter.objects.filter(client=client).update(corrects=None)
    client.delete()
    # The letters' PDFs go once the rows naming them are gone for good (not if the erasure
    # rolls back); a file that cannot be deleted now is logged, and erase_maintenance's
    # sweep of files no letter names deletes it later.
    transaction.on_commit(lambda: delete_letter_files(letter_files), robust=True)
    for content_type, pks in named:
        LogEntry.objects.filter(
            content_type=content_type, object_id__in=[str(p) for p in pks]
        ).update(object_repr="[erased]", change_message="")
    Event.objects.redact_changes_for_client(pk)
    # Deleted rows leave their bytes in the files until overwritten (records/disk.py).
    # robust: the erasure is committed by then; a failure here must not undo the page.
    transaction.on_commit(reclaim_after_erasure, robust=True)
