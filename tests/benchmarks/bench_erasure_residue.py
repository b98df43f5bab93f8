"""Measure what an erased client leaves in PostgreSQL's data folder.

Plants a unique string in each part of one client's record (tests/records/planted.py),
erases the client through the owner's page, and counts the strings in the server's data
folder after each step (each followed by a CHECKPOINT): the erasure with its VACUUM, the
maintenance command's VACUUM FULL, then ordinary writes in 16 MB rounds until the
write-ahead log no longer holds them. Prints; asserts nothing.

Point DATABASE_URL at a new, empty database on a throwaway server, as a superuser (it reads
`data_directory` and runs CHECKPOINT), and run it as a user who can
read the data folder (root, or postgres):

    eval "$(bash tests/postgres.sh start)"
    psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE residue"
    DATABASE_URL="${DATABASE_URL%/*}/residue" DJANGO_DEBUG=true \\
        .venv/bin/python tests/benchmarks/bench_erasure_residue.py
    bash tests/postgres.sh stop "$PG_DIR"
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def _count(folder, strings, cursor):
    """({part of the folder: hits}, names of the relations whose files hold any): table
    files (base/), the write-ahead log (pg_wal/) and the rest."""
    parts = {"tables": 0, "wal": 0, "other": 0}
    relations = set()
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found = sum(data.count(value.encode()) for value in strings.values())
        top = path.relative_to(folder).parts[0]
        part = {"base": "tables", "pg_wal": "wal"}.get(top, "other")
        parts[part] += found
        if found and part == "tables" and path.name.split(".")[0].split("_")[0].isdigit():
            cursor.execute(
                "SELECT pg_filenode_relation(0, %s)::text", [int(path.name.split("_")[0])]
            )
            relations.add(cursor.fetchone()[0] or path.name)
    return parts, relations


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from tests.records.planted import planted_record

    setup_test_environment()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        folder = Path(cursor.fetchone()[0])

    cursor = connection.cursor()

    def measure(step):
        cursor.execute("CHECKPOINT")  # what PostgreSQL holds in memory reaches the files
        parts, relations = _count(folder, strings, cursor)
        rows.append((step, parts, ", ".join(sorted(relations))))

    rows = []
    owner, person, strings = planted_record()
    measure("planted")

    browser = Browser()
    browser.force_login(owner)
    url = reverse("records:client-erase", args=[person.pk])
    response = browser.post(url, {"confirm_name": person.full_name, "reason": "Asked by letter."})
    assert response.status_code == 302, response.status_code
    measure("erased (the page runs VACUUM)")
    call_command("erase_maintenance", verbosity=0)
    measure("erase_maintenance (VACUUM FULL)")
    cursor.execute("CREATE TABLE bench_filler (x text)")
    for megabytes in range(16, 16 * 9, 16):
        # About one 16 MB WAL segment of ordinary writes, then a checkpoint.
        cursor.execute(
            "INSERT INTO bench_filler"
            " SELECT repeat(md5(g::text), 30) FROM generate_series(1, 16000) g"
        )
        cursor.execute("DELETE FROM bench_filler")
        measure(f"then {megabytes} MB of other writes")
        if rows[-1][1]["wal"] == 0:
            break
    cursor.execute("DROP TABLE bench_filler")

    print(f"{len(strings)} planted strings; hits in {folder}, each step after a CHECKPOINT")
    print(f"{'step':<36} {'tables':>6} {'wal':>5} {'other':>5}  relations")
    for step, parts, relations in rows:
        print(f"{step:<36} {parts['tables']:>6} {parts['wal']:>5} {parts['other']:>5}  {relations}")


if __name__ == "__main__":
    main()
