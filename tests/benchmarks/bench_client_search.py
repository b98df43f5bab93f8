"""Benchmark: client search among thousands of clients.

Prints timings; asserts nothing. Uses a throwaway SQLite file unless DATABASE_URL is set
(point it at a scratch PostgreSQL database, never a real one: it creates 5,000 clients).

    DJANGO_DEBUG=true .venv/bin/python tests/benchmarks/bench_client_search.py [--clients N]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

FIRST = ["Zoë", "James", "Priya", "Wei", "Aisha", "Tomás", "Grace", "Henrik", "Fatima", "Oliver"]
LAST = ["Núñez", "Whitfield", "Raman", "Larsen", "Bello", "Grant", "Rossi", "Okafor", "Berg"]
QUERIES = ["nunez", "Whit", "zoe rossi", "priya.raman", "555 01", "0102030", "nobody-matches"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from clients.models import Client, Practice, Therapist

    setup_test_environment()
    call_command("migrate", verbosity=0)
    practice = Practice.objects.create(name="Bench practice")
    users = []
    for name in ("bench-a", "bench-b"):
        user = get_user_model().objects.create_user(name, password="x")
        Therapist.objects.create(user=user, practice=practice)
        users.append(user)

    started = time.perf_counter()
    batch = []
    for index in range(args.clients):
        first, last = FIRST[index % len(FIRST)], LAST[(index // 7) % len(LAST)]
        client = Client(
            therapist=users[index % 2],
            first_name=first,
            last_name=f"{last}{index}",
            email=f"{first}.{last}{index}@example.com".lower(),
            phone=f"+1 555 {index // 10000:02d}{index % 10000:04d}",
        )
        client.save()  # save() fills the search columns
        batch.append(client)
    print(
        f"{connection.vendor}: created {args.clients} clients in "
        f"{time.perf_counter() - started:.1f} s"
    )

    browser = Browser()
    browser.force_login(users[0])
    url = reverse("clients:client-list")
    print(f"{'query':<18} {'matches':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for query in QUERIES:
        timings = []
        for _ in range(args.repeat):
            tick = time.perf_counter()
            response = browser.get(url, {"q": query})
            timings.append((time.perf_counter() - tick) * 1000)
        matches = response.context["page"].paginator.count
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{query:<18} {matches:>7} {statistics.median(timings):>8.1f} "
            f"{p95:>8.1f} {max(timings):>8.1f}"
        )
    scratch.cleanup()


if __name__ == "__main__":
    main()
