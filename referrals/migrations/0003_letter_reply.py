"""Link each reply to its letter from the letter's side, so clearances need not know letters."""

import django.db.models.deletion
from django.db import migrations, models


def link_replies(apps, schema_editor):
    Clearance = apps.get_model("referrals", "Clearance")
    LetterReply = apps.get_model("referrals", "LetterReply")
    LetterReply.objects.bulk_create(
        LetterReply(letter_id=clearance.letter_id, clearance_id=clearance.pk)
        for clearance in Clearance.objects.filter(letter__isnull=False)
    )


def unlink_replies(apps, schema_editor):
    Clearance = apps.get_model("referrals", "Clearance")
    LetterReply = apps.get_model("referrals", "LetterReply")
    for reply in LetterReply.objects.all():
        Clearance.objects.filter(pk=reply.clearance_id).update(letter_id=reply.letter_id)


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0002_referral_letters"),
    ]

    operations = [
        migrations.CreateModel(
            name="LetterReply",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("clearance", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="letter_reply", to="referrals.clearance")),
                ("letter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="replies", to="referrals.referralletter")),
            ],
            options={"verbose_name_plural": "letter replies"},
        ),
        migrations.RunPython(link_replies, unlink_replies),
    ]
