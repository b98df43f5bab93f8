"""The `screen` command, run for real (subprocess) and through call_command."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from screening.questions import REQUIRED_SCREENING
from screening.rules import RULES, RULES_BY_ID, RULES_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
SADDLE = {"first_name": "Ana", "saddle_numbness": True, "allergies_oils_latex": True}


def run_screen(*args, stdin=None):
    env = {**os.environ, "DJANGO_SECRET_KEY": "test", "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "screen", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def write_json(tmp_path, data):
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def assert_saddle_output(stdout):
    assert stdout.startswith('{\n  "tier": "emergency",\n  "flags": [\n')  # indent 2
    result = json.loads(stdout)
    assert result["tier"] == "emergency"
    assert [(f["id"], f["tier"]) for f in result["flags"]] == [
        ("saddle_numbness", "emergency"),
        ("allergies", "caution"),
    ]
    saddle = result["flags"][0]
    assert "cauda equina" in saddle["reason"]
    assert "NICE NG59" in saddle["source"]


def test_saddle_numbness_file_prints_emergency_json(tmp_path):
    completed = run_screen(write_json(tmp_path, SADDLE))
    assert completed.returncode == 0, completed.stderr
    assert_saddle_output(completed.stdout)


def test_saddle_numbness_on_standard_input_prints_emergency_json():
    completed = run_screen("-", stdin=json.dumps(SADDLE))
    assert completed.returncode == 0, completed.stderr
    assert_saddle_output(completed.stdout)


def test_unknown_id_exits_2_naming_it(tmp_path):
    completed = run_screen(write_json(tmp_path, {"saddle_numbness": True, "sadle_numbness": True}))
    assert completed.returncode == 2
    assert "unknown question id 'sadle_numbness'" in completed.stderr
    assert completed.stdout == ""


def test_wrong_type_exits_2_naming_the_id(tmp_path):
    completed = run_screen(write_json(tmp_path, {"pain_now": "x"}))
    assert completed.returncode == 2
    assert "'pain_now' must be a whole number from 0 to 10, got 'x'" in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


def test_missing_file_exits_2(tmp_path):
    completed = run_screen(str(tmp_path / "nope.json"))
    assert completed.returncode == 2
    assert "cannot read" in completed.stderr and "nope.json" in completed.stderr


# The same contract through call_command: quicker, so the remaining cases live here.


def call_screen(*args):
    out = io.StringIO()
    call_command("screen", *args, stdout=out)
    return json.loads(out.getvalue())


def screen_error(*args):
    with pytest.raises(CommandError) as error:
        call_command("screen", *args, stdout=io.StringIO())
    return error.value


ALL_NO = {id: False for id in REQUIRED_SCREENING}


def test_clear_answers_print_clear(tmp_path):
    result = call_screen(write_json(tmp_path, ALL_NO))
    assert result == {"tier": "clear", "flags": [], "unanswered": [], "ask_in_person": []}


def test_a_skipped_screening_question_prints_incomplete_and_names_it(tmp_path):
    answers = {**ALL_NO}
    del answers["chest_pain"], answers["bowel_change"]
    result = call_screen(write_json(tmp_path, answers))
    assert result["tier"] == "incomplete"
    assert (result["flags"], result["unanswered"]) == ([], ["bowel_change", "chest_pain"])
    asks = result["ask_in_person"]
    assert [(ask["id"], ask["cause"]) for ask in asks] == [
        ("bowel_change", "unanswered"),
        ("chest_pain", "unanswered"),
    ]
    assert "chest" in asks[1]["ask"]


def test_a_not_sure_on_an_emergency_question_prints_ask_in_person_beside_unanswered(tmp_path):
    answers = {**ALL_NO, "face_numbness": True, "not_sure": ["face_numbness"]}
    result = call_screen(write_json(tmp_path, answers))
    assert (result["tier"], result["flags"], result["unanswered"]) == ("incomplete", [], [])
    assert [ask["id"] for ask in result["ask_in_person"]] == ["face_numbness"]


def test_on_date_sets_the_age_for_the_age_caution(tmp_path):
    answers = {
        **ALL_NO,
        "first_episode": True,
        "pain_areas": ["neck"],
        "date_of_birth": "1975-06-15",
    }
    path = write_json(tmp_path, answers)
    assert call_screen(path, "--on", "2026-06-14")["tier"] == "clear"  # 50
    assert call_screen(path, "--on", "2026-06-15")["tier"] == "caution"  # 51 today


def test_reads_standard_input_through_call_command(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"chest_pain": True})))
    assert call_screen("-")["flags"][0]["id"] == "chest_pain"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", "must hold one JSON object of answers, not a list"),
        ('"saddle_numbness"', "must hold one JSON object of answers, not a str"),
        ('{"foo": true}', "unknown question id 'foo'"),
        ('{"saddle_numbness": "yes"}', "'saddle_numbness' must be true or false"),
        ('{"saddle_numbness": false, "saddle_numbness": true}', "duplicate question id"),
        ('{"date_of_birth": "2999-01-01"}', "'date_of_birth' 2999-01-01 is after"),
    ],
)
def test_bad_input_is_an_error_with_status_2(tmp_path, content, message):
    error = screen_error(write_json(tmp_path, content))
    assert message in str(error)
    assert error.returncode == 2


def test_invalid_on_date_is_refused(tmp_path):
    error = screen_error(write_json(tmp_path, {}), "--on", "2026-02-30")
    assert "YYYY-MM-DD" in str(error)


# The rulebook: every rule, for a clinician to read and sign off.


def rulebook(*args):
    out = io.StringIO()
    call_command("screen", "--rulebook", *args, stdout=out)
    return out.getvalue()


def test_rulebook_prints_every_rule_in_a_100_column_terminal():
    completed = run_screen("--rulebook")
    assert completed.returncode == 0, completed.stderr
    text = completed.stdout
    assert f"version {RULES_VERSION}" in text.splitlines()[0]
    assert max(len(line) for line in text.splitlines()) <= 100
    for rule in RULES:
        assert f"\n{rule.id} ({rule.tier_label})\n" in text
    # Wrapped cells read back as the rule's own words.
    block = text[text.index("\nfracture_risk ") : text.index("\nrecent_clot ")]
    flat = " ".join(block.split())
    rule = RULES_BY_ID["fracture_risk"]
    for words in (rule.trigger, rule.reason, rule.physician_sentence, rule.source):
        assert words in flat
    assert "Restriction: Light pressure only, no forceful joint work (fragile bones)." in flat


def test_rulebook_lists_rules_most_urgent_first_with_their_addenda():
    text = rulebook()
    assert text.index("saddle_numbness (Emergency)") < text.index("fever_infection (Refer")
    assert text.index("fever_infection (Refer") < text.index("allergies (Caution)")
    block = " ".join(text[text.index("\npossible_dvt ") : text.index("\nfever_infection ")].split())
    assert "Also, if: answered yes to breathless or chest_pain" in block
    assert "pulmonary embolism" in block
    assert "Restriction: none" in block


def test_rulebook_as_json_has_every_rule_and_the_version():
    data = json.loads(rulebook("--format", "json"))
    assert data["rules_version"] == RULES_VERSION
    assert [rule["id"] for rule in data["rules"]] == [rule.id for rule in RULES]
    assert data["rules"][0] == RULES[0].as_dict()


def test_rulebook_as_csv_has_a_row_per_rule():
    rows = list(csv.DictReader(io.StringIO(rulebook("--format", "csv"))))
    assert [row["id"] for row in rows] == [rule.id for rule in RULES]
    fever = rows[[rule.id for rule in RULES].index("fever_infection")]
    assert fever["trigger"].startswith("answered yes to fever_unwell, and pain_areas includes")
    assert "If answered yes to iv_drug_use, the reason adds:" in fever["addenda"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a JSON FILE of answers"),
        (("--rulebook", "answers.json"), "--rulebook takes no FILE"),
        (("--rulebook", "--on", "2026-01-01"), "--rulebook takes no FILE"),
        (("-", "--format", "json"), "--format goes with --rulebook"),
    ],
)
def test_rulebook_and_answers_do_not_mix(args, message):
    error = screen_error(*args)
    assert message in str(error)
    assert error.returncode == 2
