"""Where a page's time goes: cProfile and the SQL of one page, in process, on the database a
`bench/run.py --reuse` run kept.

    .venv/bin/python bench/profile_page.py dashboard            # top functions by own time
    .venv/bin/python bench/profile_page.py client_page --sort cumulative --repeat 50
    .venv/bin/python bench/profile_page.py client_search --sql  # each query with its time
    .venv/bin/python bench/profile_page.py intake_post --repeat 5

Asserts nothing: it is the profiler the benchmark's numbers send you to.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import run  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--limit", type=int, default=35)
    parser.add_argument("--sql", action="store_true", help="print each query and its time")
    args = parser.parse_args()
    state = run.load_state(args.db, args.clients)
    if state is None:
        raise SystemExit(f"no kept database: run bench/run.py --db {args.db} --reuse first")
    # Not run.setup_django: the test environment's template instrumentation (a signal and a
    # copy of the context at every template rendered) would be profiled as the page's cost.
    os.environ.update({**run.bench_environment(state["url"]), "DJANGO_DEBUG": "false"})
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext

    info = state["info"]
    if args.page == "intake_post":
        run.reopen_links(info)
        tokens = iter(info["tokens"][info["users"]["big"]][40:])

        def request():
            responses = run.submit_in_process(Browser(), next(tokens))
            assert b"Thank you" in responses[-1].content
    else:
        browser = run.signed_in(get_user_model().objects.get(pk=info["users"]["big"]))
        paths = run.page_paths(info, "big")[args.page]
        if args.page == "intake_get":
            browser = Browser()

        def request():
            response = browser.get(paths[0])
            assert response.status_code == 200, response.status_code

    request()  # warm caches and connections
    with CaptureQueriesContext(connection) as captured:
        request()
    # Read now: every request's start empties the connection's query log.
    queries = list(captured.captured_queries)
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    tick = time.perf_counter()
    for _ in range(args.repeat):
        request()
    wall_ms = (time.perf_counter() - tick) * 1000 / args.repeat
    print(f"{args.page}: {wall_ms:.1f} ms a request in process,", end=" ")
    print(f"{len(queries)} queries taking {sql_ms:.1f} ms")
    if args.sql:
        for query in queries:
            print(f"{float(query['time']) * 1000:7.2f} ms  {query['sql'][:400]}")
        return
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        request()
    profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.limit)


if __name__ == "__main__":
    main()
