"""Each saved step of a client's form is in the audit trail, with the drafts hidden and the
finished sections shown as they were and became, though the step does not read the row twice
to find them (the service hands the audit trail the values it read under the row lock)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Event
from audit.tracking import save_with_old_values
from intake.models import Intake
from intake.services import intake_save_section
from tests.intake.questionnaire import form_url, make_link, valid_post


def intake_changes(intake):
    events = Event.objects.filter(
        action="change", object_type="intake.intake", object_pk=str(intake.pk)
    )
    return [event.changes for event in events.order_by("pk")]


def test_each_saved_step_is_recorded_with_the_drafts_hidden(client, alice_client):
    intake, token = make_link(alice_client)
    answers = valid_post()
    client.post(form_url(token, "about"), answers["about"])
    client.post(form_url(token, "complaint"), answers["complaint"])
    client.post(form_url(token, "about"), {**answers["about"], "date_of_birth": "not a date"})
    assert intake_changes(intake) == [
        {"draft_answers": [None, "[hidden]"], "sections_done": [[], ["about"]]},
        {
            "draft_answers": ["[hidden]", "[hidden]"],
            "sections_done": [["about"], ["about", "complaint"]],
        },
        {
            "draft_answers": ["[hidden]", "[hidden]"],
            "sections_done": [["about", "complaint"], ["complaint"]],
        },
    ]
    assert alice_client.first_name not in str(intake_changes(intake))


def test_a_step_saved_again_unchanged_adds_no_event(client, alice_client):
    intake, token = make_link(alice_client)
    answers = valid_post()
    client.post(form_url(token, "about"), answers["about"])
    client.post(form_url(token, "about"), answers["about"])
    assert len(intake_changes(intake)) == 1


def test_a_step_reads_the_intake_once(client, alice_client):
    intake, token = make_link(alice_client)
    with CaptureQueriesContext(connection) as captured:
        client.post(form_url(token, "complaint"), valid_post()["complaint"])
    reads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "intake_intake"')]
    assert len(reads) == 1
    assert len(intake_changes(intake)) == 1


def test_the_service_outside_a_request_is_recorded_too(alice_client):
    intake, _ = make_link(alice_client)
    intake_save_section(intake=intake, section="about", typed={"first_name": "Zo"}, done=False)
    assert intake_changes(intake) == [{"draft_answers": [None, "[hidden]"]}]


def test_old_values_missing_a_saved_field_are_read_from_the_database(alice_client):
    intake, _ = make_link(alice_client)
    Intake.objects.filter(pk=intake.pk).update(sections_done=["about"])
    intake.sections_done = ["about", "complaint"]
    intake.draft_answers = {"about": {}}
    # Only the drafts are given: the finished sections' old value comes from the row.
    save_with_old_values(
        intake, {"draft_answers": {}}, update_fields=["draft_answers", "sections_done"]
    )
    assert intake_changes(intake) == [
        {"draft_answers": [None, "[hidden]"], "sections_done": [["about"], ["about", "complaint"]]}
    ]
    assert "_audit_known_old" not in intake.__dict__
