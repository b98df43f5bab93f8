"""A final letter's PDF moves from a column of its row (bytes) to a file in
STORAGES["default"] (letters/<random>.pdf), the row keeping the file's name and, as before,
the SHA-256 of its bytes. Reversible: going back reads each file into the column again and
deletes the files once the migration has committed.
"""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models, transaction


def bytes_to_files(apps, schema_editor):
    ReferralLetter = apps.get_model("referrals", "ReferralLetter")
    written = []
    try:
        for letter in ReferralLetter.objects.exclude(status="draft").only("pk", "pdf").iterator():
            if letter.pdf is None:
                raise RuntimeError(
                    f"Referral letter {letter.pk} is final but has no stored PDF: restore it "
                    "from a backup before upgrading."
                )
            name = default_storage.save(
                f"letters/{uuid.uuid4().hex}.pdf", ContentFile(bytes(letter.pdf))
            )
            written.append(name)
            ReferralLetter.objects.filter(pk=letter.pk).update(pdf_file=name)
    except BaseException:
        for name in written:  # no copy of a letter left behind by a failed upgrade
            default_storage.delete(name)
        raise


def files_to_bytes(apps, schema_editor):
    ReferralLetter = apps.get_model("referrals", "ReferralLetter")
    names = []
    for letter in ReferralLetter.objects.exclude(pdf_file="").only("pk", "pdf_file").iterator():
        with default_storage.open(letter.pdf_file.name, "rb") as file:
            data = file.read()
        ReferralLetter.objects.filter(pk=letter.pk).update(pdf=data)
        names.append(letter.pdf_file.name)

    def delete_files():
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete_files, robust=True)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0007_letter_indexes_for_the_dashboard"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="referralletter", name="final_letter_has_its_pdf"),
        migrations.AddField(
            model_name="referralletter",
            name="pdf_file",
            field=models.FileField(blank=True, editable=False, upload_to="letters/"),
        ),
        migrations.RunPython(bytes_to_files, files_to_bytes),
        migrations.RemoveField(model_name="referralletter", name="pdf"),
        migrations.RenameField(model_name="referralletter", old_name="pdf_file", new_name="pdf"),
        migrations.AddConstraint(
            model_name="referralletter",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "draft"))
                | models.Q(
                    models.Q(("pdf", ""), _negated=True),
                    models.Q(("pdf_sha256", ""), _negated=True),
                    ("letter_date__isnull", False),
                ),
                name="final_letter_has_its_pdf",
            ),
        ),
        migrations.AddConstraint(
            model_name="referralletter",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "draft"), _negated=True)
                | models.Q(("pdf", ""), ("pdf_sha256", "")),
                name="draft_letter_has_no_pdf",
            ),
        ),
    ]
