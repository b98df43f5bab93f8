"""A backup is only as good as its restore: pg_dump the test database, pg_restore it into a
new one, and find every record back. PostgreSQL only (the README's backup procedure)."""

import glob
import os
import shutil
import subprocess
import tempfile

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from clients.models import Client
from intake.models import Intake
from notes.models import SessionNote
from referrals.files import read_letter_file
from referrals.models import ReferralLetter
from tests.factories import REFER_ANSWERS, ClientFactory, make_submitted_intake

pytestmark = [
    pytest.mark.slow,  # pg_dump, a new database, pg_restore
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="pg_dump and pg_restore back up PostgreSQL; SQLite is for development only",
    ),
]


def _tool(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    return found[-1]


def _run(*args):
    # PostgreSQL's tools run as the postgres user when we are root, as tests/postgres.sh does.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_a_new_database_with_every_record(alice):
    from referrals import services as referral_services

    zoe = ClientFactory(
        therapist=alice, first_name="Zoë", last_name="Núñez", physician_name="Dr. Helen Park"
    )
    make_submitted_intake(zoe, REFER_ANSWERS, reviewed=True)
    letter = referral_services.letter_finalise(
        letter=referral_services.letter_create_draft(client=zoe, author=alice)
    )
    counts = {
        model._meta.db_table: model.objects.count()
        for model in (Client, Intake, ReferralLetter, SessionNote)
    }
    db = connection.settings_dict
    conn = {"host": db["HOST"], "port": str(db["PORT"]), "user": db["USER"]}
    # pytest's tmp_path is private to root; the postgres user writes the dump here.
    folder = tempfile.mkdtemp(prefix="intake-backup-")
    os.chmod(folder, 0o777)
    dump = os.path.join(folder, "backup.dump")
    target = f"{db['NAME']}_restored"
    base = ["-h", conn["host"], "-p", conn["port"], "-U", conn["user"]]
    _run(_tool("pg_dump"), *base, "-Fc", "-f", str(dump), db["NAME"])
    _run(_tool("createdb"), *base, target)
    try:
        _run(_tool("pg_restore"), *base, "--no-owner", "-d", target, str(dump))
        with psycopg.connect(
            host=conn["host"],
            port=conn["port"],
            user=conn["user"],
            dbname=target,
            password=db.get("PASSWORD") or None,
        ) as restored:
            for table, count in counts.items():
                assert restored.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
            name = restored.execute(
                "SELECT first_name, last_name FROM clients_client WHERE id = %s", [zoe.pk]
            ).fetchone()
            assert name == ("Zoë", "Núñez")
            # The letter's file is in the media folder, backed up beside the dump; the
            # restored row names it and keeps its hash.
            pdf, sha = restored.execute(
                "SELECT pdf, pdf_sha256 FROM referrals_referralletter WHERE id = %s", [letter.pk]
            ).fetchone()
            assert pdf == letter.pdf.name and sha == letter.pdf_sha256
            assert read_letter_file(pdf, sha).startswith(b"%PDF")
            answers = restored.execute(
                "SELECT answers FROM intake_intake WHERE client_id = %s", [zoe.pk]
            ).fetchone()[0]
            assert answers["cancer_history"] is True
    finally:
        _run(_tool("dropdb"), *base, target)
        shutil.rmtree(folder, ignore_errors=True)
