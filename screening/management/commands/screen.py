"""python manage.py screen FILE: screen one JSON object of intake answers.

The contract is in docs/clinical/intake-questions.md: prints {"tier": ..., "flags": [...]} as
JSON; bad input (not JSON, not an object, unknown ids, wrong types) is a one-line message
naming the problem on stderr and exit status 2.

python manage.py screen --rulebook [--format text|json|csv]: every rule, most urgent first, for
a clinician to read and sign off. The text form is one block per rule, wrapped to 100 columns.
"""

import argparse
import csv
import datetime
import io
import json
import sys
import textwrap

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from screening.engine import screen
from screening.questions import ISO_DATE, AnswersError
from screening.rules import RULES_VERSION, rules_by_tier

INPUT_ERROR = 2
WIDTH = 100
FORMATS = ("text", "json", "csv")
CSV_COLUMNS = (
    "id",
    "tier",
    "trigger",
    "reason",
    "physician_sentence",
    "source",
    "restriction",
    "restricts_techniques",
    "addenda",
)


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
        "Use - to read standard input. With --rulebook, print every rule instead."
    )
    # Pure computation over the answers: no database, so no need to run system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="JSON file of answers, or - for standard input")
        parser.add_argument(
            "--on",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="screen as on this date (ages are worked out on it); default today",
        )
        parser.add_argument(
            "--rulebook",
            action="store_true",
            help="print every screening rule (trigger, reason, sentence, source, restriction)",
        )
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=FORMATS,
            help="with --rulebook: text (the default), json or csv",
        )

    def handle(self, *args, file, on, rulebook, output_format, **options):
        if rulebook:
            if file is not None or on is not None:
                raise CommandError(
                    "--rulebook takes no FILE of answers and no --on date",
                    returncode=INPUT_ERROR,
                )
            self._print_rulebook(output_format or "text")
            return
        if file is None:
            raise CommandError(
                "give a JSON FILE of answers (or - for standard input), or --rulebook",
                returncode=INPUT_ERROR,
            )
        if output_format is not None:
            raise CommandError("--format goes with --rulebook", returncode=INPUT_ERROR)
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

    def _print_rulebook(self, output_format):
        rules = [rule for _, tier_rules in rules_by_tier() for rule in tier_rules]
        if output_format == "json":
            data = {"rules_version": RULES_VERSION, "rules": [rule.as_dict() for rule in rules]}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        elif output_format == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CSV_COLUMNS)
            for rule in rules:
                row = rule.as_dict()
                row["restricts_techniques"] = "; ".join(rule.restricts_techniques)
                row["addenda"] = " ".join(_addendum_in_words(a) for a in rule.addenda)
                writer.writerow(row[column] for column in CSV_COLUMNS)
            self.stdout.write(out.getvalue(), ending="")
        else:
            self.stdout.write(_rulebook_text(rules))


def _addendum_in_words(addendum):
    return (
        f"If {addendum.trigger}, the reason adds: {addendum.reason} "
        f"The physician sentence adds: {addendum.physician_sentence}"
    )


def _field(label, value):
    """One labelled field of a rule's block, wrapped under its label."""
    return textwrap.fill(
        value or "none",
        width=WIDTH,
        initial_indent=f"  {label:<21}",
        subsequent_indent=" " * 23,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _rulebook_text(rules):
    lines = [
        f"Screening rules, version {RULES_VERSION}: {len(rules)} rules, most urgent first.",
        "Answers are named by their question ids (screening/questions.py); an unanswered",
        "question is never yes.",
    ]
    for rule in rules:
        lines += ["", f"{rule.id} ({rule.tier_label})"]
        lines.append(_field("Fires when:", rule.trigger))
        lines.append(_field("Reason:", rule.reason))
        lines.append(_field("Physician sentence:", rule.physician_sentence))
        lines.append(_field("Source:", rule.source))
        lines.append(_field("Restriction:", rule.restriction))
        if rule.technique_labels:
            lines.append(_field("Techniques left out:", ", ".join(rule.technique_labels)))
        for addendum in rule.addenda:
            lines.append(_field("Also, if:", addendum.trigger))
            lines.append(_field("  reason adds:", addendum.reason))
            lines.append(_field("  sentence adds:", addendum.physician_sentence))
    return "\n".join(lines)
