"""`manage.py worker`: the background worker. Runs the queued jobs (Django's tasks API) and
sends every email that is due, until stopped; `--once` does one round and exits (for cron and
tests). Several workers may run at once, on several servers: each message is claimed before it
is sent."""

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from messaging.selectors import OVERDUE_AFTER, messages_overdue
from messaging.services import messages_deliver_due

# A finished job's row says only which message it delivered (the outbox keeps what happened to
# the email); two weeks of them is enough to look into a problem.
JOB_RESULTS_KEPT_DAYS = 14
PRUNE_EVERY_SECONDS = 3600


class Command(BaseCommand):
    help = "Run the background jobs and send the emails that are due (until stopped, or --once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Do what is due now, then exit (for cron, tests)."
        )
        parser.add_argument(
            "--health",
            action="store_true",
            help="Exit 1 if an email waits more than 10 minutes past its time (for a container "
            "health check: no worker is sending), else 0. Sends nothing.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to wait between rounds when there is nothing to do (default 5).",
        )

    def handle(self, *, once, health, interval, verbosity, **options):
        if health:
            return self._health()
        self.stopping = False
        # The database worker announces each round and each job; only errors matter unless
        # asked (-v 2): the emails' own summary line says what was sent.
        for name in ("django_tasks_db", "django_tasks", "django.tasks"):
            logging.getLogger(name).setLevel(logging.INFO if verbosity > 1 else logging.WARNING)
        if not once:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
            self.stdout.write(f"Worker started; checking every {interval:g} s. Ctrl+C stops it.")
        pruned_at = None
        while True:
            self._run_queued_jobs()
            if pruned_at is None or time.monotonic() - pruned_at > PRUNE_EVERY_SECONDS:
                self._prune_finished_jobs()
                pruned_at = time.monotonic()
            summary = messages_deliver_due()
            if verbosity and (once or any(summary.values())):
                self.stdout.write(
                    "Emails: {sent} sent, {skipped} not needed, {retry} to retry, "
                    "{failed} failed.".format(**summary)
                )
            if once or self.stopping:
                return
            waited = 0.0
            while waited < interval and not self.stopping:
                time.sleep(0.2)
                waited += 0.2
            if self.stopping:
                return

    def _health(self):
        late = messages_overdue().count()
        if late:
            minutes = int(OVERDUE_AFTER.total_seconds() // 60)
            self.stderr.write(f"{late} email(s) over {minutes} minutes late: is a worker running?")
            raise SystemExit(1)
        self.stdout.write("ok")

    def _stop(self, signum, frame):
        self.stopping = True

    def _prune_finished_jobs(self):
        """Without this the jobs table grows by a row per email for ever."""
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            return
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=JOB_RESULTS_KEPT_DAYS,
            verbosity=0,
        )

    def _run_queued_jobs(self):
        """Run every job that is ready, when the jobs live in the database; with another
        backend (RQ, Celery) their own worker runs them and this one only sends the emails."""
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            return
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        ).run()
