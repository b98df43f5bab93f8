"""python manage.py screen FILE: screen one JSON object of intake answers.

The contract is in intake-questions.md: prints {"tier": ..., "flags": [...]} as JSON; bad
input (not JSON, not an object, unknown ids, wrong types) is a one-line message naming the
problem on stderr and exit status 2.
"""

import argparse
import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intake.questions import ISO_DATE, AnswersError
from intake.screening import screen

INPUT_ERROR = 2


def _iso_date(value):
    try:
        if ISO_DATE.fullmatch(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD")


def _reject_duplicates(pairs):
    # json.load would silently keep the last of two answers to the same question.
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise CommandError(f"duplicate question id {key!r}", returncode=INPUT_ERROR)
        seen[key] = value
    return seen


class Command(BaseCommand):
    help = (
        "Screen one JSON object of intake answers for red flags and print the result as JSON. "
        "Use - to read standard input."
    )
    # Pure computation over the answers: no database, so no need to run system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file of answers, or - for standard input")
        parser.add_argument(
            "--on",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="screen as on this date (ages are worked out on it); default today",
        )

    def handle(self, *args, file, on, **options):
        text = self._read(file)
        try:
            data = json.loads(text, object_pairs_hook=_reject_duplicates)
        except (ValueError, RecursionError) as error:
            # JSONDecodeError, and also nesting deeper than the parser's recursion limit or
            # an integer with more digits than Python converts.
            raise CommandError(
                f"{self._name(file)} is not valid JSON: {error}", returncode=INPUT_ERROR
            ) from None
        if not isinstance(data, dict):
            raise CommandError(
                f"{self._name(file)} must hold one JSON object of answers, "
                f"not a {type(data).__name__}",
                returncode=INPUT_ERROR,
            )
        # The practice's date (settings.TIME_ZONE), not the server's.
        on_date = on or timezone.localdate()
        try:
            result = screen(data, on_date)  # validates the answers first
        except AnswersError as error:
            raise CommandError(str(error), returncode=INPUT_ERROR) from None
        self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))

    def _name(self, file):
        return "standard input" if file == "-" else file

    def _read(self, file):
        try:
            if file == "-":
                return sys.stdin.read()
            with open(file, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                f"cannot read {self._name(file)}: {error}", returncode=INPUT_ERROR
            ) from None
