"""Benchmark: the app at a real practice's size, measured from outside.

Seeds a large practice (bench/seed.py), serves the app with gunicorn (2 sync workers) on
127.0.0.1, drives each page with Debian's wrk logged in as the therapist who holds the most
clients, beside a bare Django view on the same server as the ceiling. Prints a table and
writes bench/results.json. Asserts nothing: speed is read here, never in the tests.

    make bench                 # a throwaway PostgreSQL (tests/postgres.sh)
    make bench DB=sqlite       # a scratch SQLite file under var/bench/
    .venv/bin/python bench/run.py --db sqlite --duration 5
    .venv/bin/python bench/run.py --reuse   # keep the seeded database for the next run
    .venv/bin/python bench/run.py --reuse --only dashboard,client_page
    .venv/bin/python bench/run.py --reuse --rounds 3   # every page three times, in turn: medians

With --reuse the seeded database (and the PostgreSQL server) is kept after the run, and the
next --reuse run migrates it, reopens the links the last run submitted and measures again
without seeding: `--drop` stops that server and forgets it.
"""

import argparse
import concurrent.futures
import hashlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BIN = REPO / ".venv" / "bin"
PLAIN_LETTER = """<!doctype html><html><head><meta charset="utf-8"><title>Letter</title></head>
<body><p>Harbour Massage Clinic<br>1 Quay Street, Port Town</p>
<p>Dr. Helen Park<br>Riverside Family Practice<br>40 Station Road</p><p>23 November 2026</p>
<p>Dear Dr. Park,</p>{}<p>Yours sincerely,</p><p>Alex Kim, RMT</p></body></html>""".format(
    "<p>I am writing about our mutual client, who completed my health questionnaire before "
    "massage treatment. Their answers raise concerns that I would like you to assess before "
    "I treat them, and I would be grateful for your advice on any restrictions.</p>" * 5
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_postgres():
    out = subprocess.run(
        ["bash", str(REPO / "tests" / "postgres.sh"), "start"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = dict(re.findall(r"export (\w+)=(\S+)", out))
    return found["PG_DIR"], found["DATABASE_URL"]


def create_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{parts.path.lstrip("/")}"')


def state_file(db):
    return REPO / "var" / "bench" / f"{db}-state.json"


def load_state(db, clients):
    """The database a previous --reuse run seeded and left running, or None."""
    path = state_file(db)
    if not path.exists():
        return None
    state = json.loads(path.read_text())
    if state["clients"] != clients:
        drop_state(db)
        return None
    if db == "postgres":
        import psycopg

        try:
            psycopg.connect(state["url"], connect_timeout=3).close()
        except psycopg.OperationalError:
            drop_state(db)
            return None
    elif not Path(urllib.parse.urlsplit(state["url"]).path).exists():
        drop_state(db)
        return None
    info = state["info"]
    # JSON keys are strings; the seed's are user ids.
    info["tokens"] = {int(pk): tokens for pk, tokens in info["tokens"].items()}
    return state


def drop_state(db):
    path = state_file(db)
    if path.exists():
        state = json.loads(path.read_text())
        if state.get("pg_dir"):
            subprocess.run(["bash", str(REPO / "tests" / "postgres.sh"), "stop", state["pg_dir"]])
        path.unlink()


def reopen_links(info):
    """Put the links a previous run submitted back as they were seeded (open, empty), so a
    reused database is measured as a fresh one would be."""
    from intake.models import Intake, Screening, hash_token

    hashes = [hash_token(t) for tokens in info["tokens"].values() for t in tokens]
    used = Intake.objects.filter(token_hash__in=hashes)
    Screening.objects.filter(intake__in=used).delete()
    used.update(submitted_at=None, answers={}, draft_answers={}, sections_done=[])


def analyze():
    """Fresh planner statistics and visibility maps after the seed's bulk writes (what
    autovacuum gives a real database), so plans are those of a practice that has been
    running for a while, not of tables written a second ago."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * pct / 100) - 1))]


def bench_environment(url):
    """The settings the benchmark serves the app with: production, over plain http."""
    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 30,
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_BENCH_BARE": "true",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Production refuses the console backend; the bench sends no mail anyway.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client capture templates and use testserver


def seed_database(args):
    from django.core.management import call_command

    from bench.seed import seed
    from printing.pdf import render_pdf
    from referrals.files import write_letter_file
    from referrals.models import ReferralLetter
    from referrals.selectors import draft_content
    from referrals.services import LETTER_TEMPLATE, letter_context

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    started = time.perf_counter()
    info = seed(args.clients)
    # Every final letter carries a real rendered letter, as letter_finalise stores it.
    letter = ReferralLetter.objects.get(pk=info["draft_letter"])
    letter.__dict__.update(draft_content(letter.client).fields)
    pdf = render_pdf(LETTER_TEMPLATE, letter_context(letter))
    ReferralLetter.objects.exclude(status="draft").update(
        pdf=write_letter_file(pdf), pdf_sha256=hashlib.sha256(pdf).hexdigest()
    )
    print(f"seeded {args.clients} clients in {time.perf_counter() - started:.0f} s")
    return info


def page_paths(info, who):
    """The URLs each page is measured on (several of each, cycled by wrk)."""
    from django.urls import reverse

    user = info["users"][who]
    clients = info["heavy_clients"] if who == "big" else [info["small_client"]]
    tokens = info["tokens"][user][:40]
    return {
        # Not a page: the cost every staff page starts from (signed in, the page frame).
        "signed_in_floor": ["/bench/signed-in/"],
        "dashboard": [reverse("dashboard:dashboard")],
        "client_search": [
            reverse("clients:client-list") + "?" + urllib.parse.urlencode({"q": q})
            for q in ("nunez", "Whit", "zoe ross", "priya.raman", "555 00", "nobody-matches")
        ],
        "client_page": [reverse("dashboard:client-detail", args=[pk]) for pk in clients],
        "intake_get": [
            reverse("intake:form-section", kwargs={"token": t, "section": "about"}) for t in tokens
        ],
        "letter_pdf": [
            reverse("referrals:letter-pdf", args=[pk]) for pk in info["final_letters"][who][:20]
        ],
        # A therapist's week with 40 appointments (last week, this week, next week).
        "schedule_week": [
            reverse("schedule:week") + f"?date={monday}"
            for monday in info.get("schedule_weeks", [""])
        ],
    }


def submission_answers(client):
    from tests.intake.questionnaire import valid_post

    answers = valid_post()
    answers["about"].update(first_name=client.first_name, last_name=client.last_name)
    answers["consent"]["signature_name"] = client.full_name
    return answers


def submit_in_process(browser, token):
    """A whole client submission through the test client; returns the responses."""
    from django.urls import reverse

    from intake.models import Intake, hash_token
    from intake.public_views import SECTION_IDS

    intake = Intake.objects.select_related("client").get(token_hash=hash_token(token))
    answers = submission_answers(intake.client)
    responses = [browser.get(reverse("intake:form", kwargs={"token": token}), follow=True)]
    for section in SECTION_IDS:
        url = reverse("intake:form-section", kwargs={"token": token, "section": section})
        responses.append(browser.post(url, answers[section], follow=True))
    return responses


def signed_in(user):
    """A test client signed in as `user` with two-factor done, as a therapist is in
    production (a confirmed authenticator and a verified session)."""
    from django.test import Client as Browser
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    browser = Browser()
    browser.force_login(user)
    session = browser.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return browser


def count_queries(info):
    """Queries of every page for the therapist with 100 clients and the one with 1,500."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client as Browser
    from django.test.utils import CaptureQueriesContext

    counts, sizes = {}, {}
    for who, label in (("small", "queries_at_100"), ("big", "queries_at_10000")):
        browser = signed_in(get_user_model().objects.get(pk=info["users"][who]))
        for page, paths in page_paths(info, who).items():
            with CaptureQueriesContext(connection) as captured:
                response = browser.get(paths[0])
            assert response.status_code == 200, (page, paths[0], response.status_code)
            counts.setdefault(page, {})[label] = len(captured)
            if who == "big":
                sizes[page] = len(response.content)
        # The last token of each therapist is kept for this in-process submission.
        public = Browser()
        with CaptureQueriesContext(connection) as captured:
            responses = submit_in_process(public, info["tokens"][info["users"][who]][-1])
        assert responses[-1].status_code == 200 and b"Thank you" in responses[-1].content
        counts.setdefault("intake_post", {})[label] = len(captured)
    return counts, sizes


def letter_render_times(info, repeat=12):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from printing.pdf import StaticFilesOnly, font_config, render_pdf, static_dir, stylesheet
    from referrals.models import ReferralLetter
    from referrals.selectors import draft_content
    from referrals.services import LETTER_STYLESHEETS, LETTER_TEMPLATE, letter_context

    letter = ReferralLetter.objects.select_related("client", "author__therapist__practice").get(
        pk=info["draft_letter"]
    )
    letter.__dict__.update(draft_content(letter.client).fields)

    context = letter_context(letter, draft=True)

    def letter_pdf():
        # With letter.css, as letter_preview and letter_finalise render it.
        return render_pdf(LETTER_TEMPLATE, context, stylesheets=LETTER_STYLESHEETS)

    def plain_pdf():
        return HTML(string=PLAIN_LETTER).write_pdf()

    # How many pages it lays out (the plain letter is one): render_pdf's own steps.
    document = HTML(
        string=render_to_string(LETTER_TEMPLATE, context),
        base_url=static_dir().as_uri() + "/",
        url_fetcher=StaticFilesOnly(),
    ).render(
        stylesheets=[stylesheet(path) for path in LETTER_STYLESHEETS], font_config=font_config()
    )
    pages = len(document.pages)
    letter_pdf(), plain_pdf()  # warm up both
    # Alternated, so a neighbour's load on the machine weighs on both alike; wall time (what
    # the bench has always reported) and this process's CPU time beside it.
    times = {"letter": ([], []), "plain": ([], [])}
    for _ in range(repeat):
        for name, render in (("letter", letter_pdf), ("plain", plain_pdf)):
            tick, cpu = time.perf_counter(), time.process_time()
            render()
            times[name][0].append((time.perf_counter() - tick) * 1000)
            times[name][1].append((time.process_time() - cpu) * 1000)
    return {
        "median": round(statistics.median(times["letter"][0]), 1),
        "bare_median": round(statistics.median(times["plain"][0]), 1),
        "cpu_median": round(statistics.median(times["letter"][1]), 1),
        "bare_cpu_median": round(statistics.median(times["plain"][1]), 1),
        "pages": pages,
    }


def start_server(env, port, access_log=None):
    # The access log (--server-times) costs every request a write: off unless asked for.
    logging = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT]
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            *(logging if access_log else []),
        ],
        cwd=REPO,
        env={**os.environ, **env},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def run_wrk(base, paths, cookie, duration, connections):
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "-s",
        str(REPO / "bench" / "report.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    command += [base + paths[0], "--", *paths]
    # A short warm-up fills the workers' caches and connections.
    subprocess.run([*command[:3], "-d1s", *command[4:]], check=True, capture_output=True, text=True)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    found = json.loads(out.split("BENCH-JSON ", 1)[1].splitlines()[0])
    if found["bad_status"] or found["socket_errors"]:
        print(f"  warning: {found['bad_status']} bad statuses, {found['socket_errors']} errors")
    return {
        "rps": round(found["requests"] / (found["duration_us"] / 1e6), 1),
        "p50_ms": round(found["p50_us"] / 1000, 1),
        "p95_ms": round(found["p95_us"] / 1000, 1),
    }


def median_of(measurements):
    """Each figure's median over rounds: the machine's speed drifts within minutes, and
    pages measured in turn, several times, drift alike."""
    return {
        key: round(statistics.median(m[key] for m in measurements), 1) for key in measurements[0]
    }


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered, not followed: each step's POST is timed alone."""

    def redirect_request(self, *args, **kwargs):
        return None


def follow(opener, url):
    """GET `url` and the redirects it answers (followed by hand: KeepRedirects)."""
    while True:
        try:
            return opener.open(url, timeout=30).read().decode()
        except urllib.error.HTTPError as redirect:
            if redirect.code not in (301, 302, 303):
                raise
            redirect.read()
            url = urllib.parse.urljoin(url, redirect.headers["Location"])


def http_submission(base, token, answers):
    """A client's whole submission over HTTP: the link, then each step's POST and the
    redirect it answers (followed by hand, so the POST is timed alone). Returns the whole
    submission's time, whether it ended thanked, and each step's POST time by section."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), KeepRedirects)
    steps = {}
    tick = time.perf_counter()
    page = follow(opener, f"{base}/intake/f/{token}/")
    for section, data in answers.items():
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}, doseq=True)
        url = f"{base}/intake/f/{token}/{section}/"
        posted = time.perf_counter()
        try:
            response = opener.open(url, data=body.encode(), timeout=30)
            page = response.read().decode()  # 200: the step again, with its errors
            steps[section] = (time.perf_counter() - posted) * 1000
        except urllib.error.HTTPError as redirect:
            if redirect.code not in (301, 302, 303):
                raise
            redirect.read()
            steps[section] = (time.perf_counter() - posted) * 1000
            page = follow(opener, urllib.parse.urljoin(url, redirect.headers["Location"]))
    elapsed = (time.perf_counter() - tick) * 1000
    return elapsed, "Thank you" in page, steps


# Method, path and the worker's time on the request in microseconds (gunicorn's %(D)s): from
# the request read to the response written, without the wait in the listen queue.
ACCESS_FORMAT = "%(m)s %(U)s %(D)s"


def server_step_times(access_log, tokens):
    """Each step's POST as the gunicorn worker timed it (no queueing, no client), for the
    links in `tokens`: the same shape as step_times."""
    wanted = set(tokens)
    submissions = {}
    for line in Path(access_log).read_text().splitlines():
        method, path, micros = line.split()
        parts = path.strip("/").split("/")  # intake/f/<token>/<section>
        if (
            method == "POST"
            and len(parts) == 4
            and parts[:2] == ["intake", "f"]
            and (parts[2] in wanted)
        ):
            submissions.setdefault(parts[2], {})[parts[3]] = int(micros) / 1000
    return step_times(list(submissions.values()))


def run_submissions(base, info, workers, count, access_log=None):
    from intake.models import Intake, hash_token

    tokens = info["tokens"][info["users"]["big"]][40:-1][:count]
    jobs = []
    for token in tokens:
        intake = Intake.objects.select_related("client").get(token_hash=hash_token(token))
        jobs.append((token, submission_answers(intake.client)))
    warm = jobs[:workers]
    jobs = jobs[workers:]
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda job: http_submission(base, *job), warm))
        tick = time.perf_counter()
        results = list(pool.map(lambda job: http_submission(base, *job), jobs))
        wall = time.perf_counter() - tick
    times = [elapsed for elapsed, _, _ in results]
    stored = Intake.objects.filter(
        token_hash__in=[hash_token(t) for t, _ in jobs], submitted_at__isnull=False
    ).count()
    lost = len(jobs) - stored
    thanked = sum(1 for _, ok, _ in results if ok)
    if lost or thanked != len(jobs):
        print(f"  warning: {lost} submissions lost, {len(jobs) - thanked} without a thank-you")
    steps = step_times([steps for _, _, steps in results])
    if access_log:
        time.sleep(0.5)  # gunicorn writes its log line after the response
        steps["server"] = server_step_times(access_log, [token for token, _ in jobs])
    return (
        {
            "rps": round(len(jobs) / wall, 1),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
        },
        steps,
        lost,
    )


def step_times(submissions):
    """Each step's POST alone (not the redirect after it): the median and p95 over every
    step posted, and the step whose POSTs have the worst p95."""
    by_step = {}
    for steps in submissions:
        for section, elapsed in steps.items():
            by_step.setdefault(section, []).append(elapsed)
    every = [elapsed for times in by_step.values() for elapsed in times]
    worst = max(by_step, key=lambda section: percentile(by_step[section], 95))
    return {
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "worst_step": worst,
        "worst_step_p95_ms": round(percentile(by_step[worst], 95), 1),
        "steps": {
            section: {
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 95), 1),
            }
            for section, times in by_step.items()
        },
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every page this many times, in turn, and report the medians",
    )
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep and reuse the seeded database")
    parser.add_argument("--drop", action="store_true", help="forget a kept database and exit")
    parser.add_argument("--only", default="", help="comma-separated pages to measure")
    parser.add_argument(
        "--server-times",
        action="store_true",
        help="also time each intake step in the worker (gunicorn's access log; slows every page)",
    )
    args = parser.parse_args()
    if args.drop:
        drop_state(args.db)
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (bash bench/system-deps.sh)")

    pg_dir = None
    state = load_state(args.db, args.clients) if args.reuse else None
    scratch = REPO / "var" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    if state:
        url = state["url"]
    elif args.db == "postgres":
        pg_dir, url = start_postgres()
        create_database(url)
    else:
        drop_state(args.db)
        sqlite_file = scratch / f"bench{'-kept' if args.reuse else ''}.sqlite3"
        for path in scratch.glob(sqlite_file.name + "*"):
            path.unlink()
        url = f"sqlite:///{sqlite_file}"
    env = bench_environment(url)
    server = None
    try:
        setup_django(env)
        from django.contrib.auth import get_user_model
        from django.db import connections

        if state:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            info = state["info"]
            reopen_links(info)
            print(f"reusing the {args.db} database seeded with {args.clients} clients")
        else:
            info = seed_database(args)
        analyze()
        if args.reuse and not state:
            state_file(args.db).write_text(
                json.dumps({"clients": args.clients, "url": url, "pg_dir": pg_dir, "info": info})
            )
            pg_dir = None  # kept running for the next --reuse run
        counts, sizes = count_queries(info)
        letter = letter_render_times(info)
        browser = signed_in(get_user_model().objects.get(pk=info["users"]["big"]))
        cookie = browser.cookies["sessionid"].value
        connections.close_all()

        port = free_port()
        access_log = scratch / "access.log" if args.server_times else None
        if access_log and access_log.exists():
            access_log.unlink()
        server = start_server(env, port, access_log)
        base = f"http://127.0.0.1:{port}"
        results = {"clients": args.clients, "rounds": args.rounds}
        only = set(filter(None, args.only.split(",")))
        rounds = []
        for _ in range(args.rounds):
            measured = {
                "bare": run_wrk(base, ["/bench/bare/"], None, args.duration, args.connections)
            }
            for page, paths in page_paths(info, "big").items():
                if only and page not in only:
                    continue
                cookie_for = None if page == "intake_get" else cookie
                measured[page] = run_wrk(base, paths, cookie_for, args.duration, args.connections)
            rounds.append(measured)
        results["bare"] = median_of([measured["bare"] for measured in rounds])
        pages = {
            page: median_of([measured[page] for measured in rounds])
            for page in rounds[0]
            if page != "bare"
        }
        lost = 0
        if not only or "intake_post" in only or "intake_step_post" in only:
            pages["intake_post"], results["intake_step_post"], lost = run_submissions(
                base, info, args.connections, args.submissions, access_log
            )
        order = ["signed_in_floor", "dashboard", "client_search", "client_page"]
        order += ["schedule_week", "intake_get", "intake_post"]
        floor = pages.get("signed_in_floor")
        results["pages"] = {
            page: {
                **pages[page],
                "pct_bare": round(100 * pages[page]["rps"] / results["bare"]["rps"], 1),
                # Every staff page pays the floor (the intake pages, not signed in, do not).
                **(
                    {"pct_floor": round(100 * pages[page]["rps"] / floor["rps"], 1)}
                    if floor
                    else {}
                ),
                **counts[page],
            }
            for page in [*order, "letter_pdf"]
            if page in pages
        }
        results["letter_render_ms"] = letter
    finally:
        if server:
            server.terminate()
            server.wait()
        if pg_dir:
            subprocess.run(["bash", str(REPO / "tests" / "postgres.sh"), "stop", pg_dir])

    print_table(args, results, sizes, lost)
    results["targets"] = targets(results)
    print_targets(results["targets"])
    (REPO / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")


def print_table(args, results, sizes, lost):
    bare = results["bare"]
    print(f"\n{args.db}, {args.clients} clients, wrk {args.connections} connections")
    header = f"{'page':<16} {'req/s':>8} {'% bare':>7} {'% floor':>8} {'p50 ms':>7} {'p95 ms':>7}"
    print(header + f" {'q@100':>6} {'q@10k':>6} {'KB':>6}")
    print(
        f"{'bare':<16} {bare['rps']:>8} {100:>7} {'-':>8} {bare['p50_ms']:>7} {bare['p95_ms']:>7}"
    )
    for page, row in results["pages"].items():
        size = f"{sizes[page] / 1024:.0f}" if page in sizes else "-"
        print(
            f"{page:<16} {row['rps']:>8} {row['pct_bare']:>7} {row.get('pct_floor', '-'):>8}"
            f" {row['p50_ms']:>7} {row['p95_ms']:>7} {row['queries_at_100']:>6}"
            f" {row['queries_at_10000']:>6} {size:>6}"
        )
    steps = results.get("intake_step_post")
    if steps:
        print(
            f"{'intake_step_post':<16} {'-':>8} {'-':>7} {'-':>8} {steps['p50_ms']:>7}"
            f" {steps['p95_ms']:>7}   (one step's POST alone; worst step {steps['worst_step']}:"
            f" p95 {steps['worst_step_p95_ms']} ms)"
        )
        if "server" in steps:
            server = steps["server"]
            print(
                f"{'  in the worker':<16} {'-':>8} {'-':>7} {'-':>8} {server['p50_ms']:>7}"
                f" {server['p95_ms']:>7}   (gunicorn's own time; worst step"
                f" {server['worst_step']}: p95 {server['worst_step_p95_ms']} ms)"
            )
    letter = results["letter_render_ms"]
    print(
        f"letter render: median {letter['median']} ms, plain letter {letter['bare_median']} ms"
        f" ({letter['median'] / letter['bare_median']:.1f}x; CPU {letter['cpu_median']} ms vs"
        f" {letter['bare_cpu_median']} ms, {letter['pages']} pages); submissions lost: {lost}"
    )


# The staff pages issue 22 measures against the signed-in floor.
FLOOR_PAGES = ("dashboard", "client_page", "schedule_week")


def targets(results):
    """Which of issue 22's speed targets this run meets, each with its figure."""
    pages = results["pages"]
    found = []

    def check(name, value, bound, compare):
        met = {">=": value >= bound, "<": value < bound, "<=": value <= bound}[compare]
        found.append({"target": f"{name} {compare} {bound}", "value": value, "met": met})

    if "signed_in_floor" in pages:
        check("signed_in_floor % bare", pages["signed_in_floor"]["pct_bare"], 20, ">=")
    for page in FLOOR_PAGES:
        if page in pages and "pct_floor" in pages[page]:
            check(f"{page} % floor", pages[page]["pct_floor"], 25, ">=")
        if page in pages:
            check(f"{page} p95 ms", pages[page]["p95_ms"], 30, "<")
    if "client_search" in pages:
        check("client_search p95 ms", pages["client_search"]["p95_ms"], 15, "<")
    if "intake_step_post" in results:
        steps = results["intake_step_post"]
        check("each intake step POST p95 ms", steps["worst_step_p95_ms"], 15, "<")
    letter = results["letter_render_ms"]
    ratio = round(letter["median"] / letter["bare_median"], 2)
    check("letter render / plain", ratio, 2.5, "<=")
    grown = [p for p, row in pages.items() if row["queries_at_10000"] != row["queries_at_100"]]
    found.append({"target": "queries flat in N", "value": grown or "flat", "met": not grown})
    return found


def print_targets(found):
    print("targets:")
    for row in found:
        print(f"  {'met    ' if row['met'] else 'NOT MET'}  {row['target']}: {row['value']}")


if __name__ == "__main__":
    main()
