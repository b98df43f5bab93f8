"""Recovery codes move from django-otp's static tokens (stored in clear) to hashes.

Every printed code keeps working: each clear token is hashed into accounts.RecoveryCode under
the SECRET_KEY this migration runs with, then the static device and its tokens are deleted.
Going back cannot restore a clear code: the hashed codes are dropped, and a user without them
signs in with the authenticator app (or the owner resets two-factor).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from accounts.models import recovery_code_hash


def hash_static_tokens(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    for old in StaticDevice.objects.prefetch_related("token_set"):
        new = RecoveryCodeDevice.objects.create(
            user_id=old.user_id,
            name=old.name,
            confirmed=old.confirmed,
            throttling_failure_timestamp=old.throttling_failure_timestamp,
            throttling_failure_count=old.throttling_failure_count,
            last_used_at=old.last_used_at,
        )
        # created_at is auto_now_add: set it after the insert, to when the codes were made.
        RecoveryCodeDevice.objects.filter(pk=new.pk).update(created_at=old.created_at)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=new, code_hash=recovery_code_hash(token.token))
            for token in old.token_set.all()
        )
        old.delete()


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.CreateModel(
            name='RecoveryCodeDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'recovery codes',
                'verbose_name_plural': 'recovery codes',
            },
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(db_index=True, max_length=64)),
                ('device', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='code_set', to='accounts.recoverycodedevice')),
            ],
        ),
        migrations.RunPython(hash_static_tokens, migrations.RunPython.noop),
    ]
