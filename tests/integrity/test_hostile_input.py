"""Every form and every step of the client's questionnaire, posted hostile values (NUL
characters, huge strings, odd unicode, wrong types, missing fields): the answer is a page
with messages or a redirect, never a server error, and a refused post changes nothing."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.models import Clearance
from clients.forms import ClientForm
from clients.models import Client
from intake.models import Intake, Screening
from notes.forms import SessionNoteForm
from notes.models import NoteAmendment, SessionNote
from referrals import services as referral_services
from referrals.models import ReferralLetter
from screening.questions import SECTIONS, questions_in_section
from tests.intake.questionnaire import form_url, make_link

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

ODD = [
    "\x00",
    "a\x00b",
    "x" * 20_000,
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "2026-02-30",
    "0000-00-00",
    "on",
    "true",
    "[]",
    "{'a': 1}",
    " ",
    "\u202eevil\u202c",
    "\ufeff",
    "🙂" * 300,
    "Ω≈ç√∫˜µ≤≥÷",
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE clients_client;--",
    "zoë  núñez",
]
hostile_text = st.one_of(st.sampled_from(ODD), st.text(max_size=40))
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def hostile_post(fields, extra=None):
    """Some of `fields` (others missing), each a hostile string or several of them."""
    return st.fixed_dictionaries(
        extra or {}, optional={name: hostile_value for name in fields}
    ).map(lambda data: {k: v for k, v in data.items()})


def _snapshot(record=None):
    counts = tuple(
        model.objects.count()
        for model in (
            Client,
            Intake,
            Screening,
            SessionNote,
            NoteAmendment,
            ReferralLetter,
            Clearance,
        )
    )
    if record is None:
        return counts, None
    fresh = type(record).objects.get(pk=record.pk)
    fields = model_to_dict(fresh)
    fields.pop("draft_answers", None)  # the client's typing is kept as typed, by design
    fields.pop("sections_done", None)
    return counts, fields


def _post_and_check(http, url, data, record=None):
    before = _snapshot(record)
    response = http.post(url, data)  # a server error would raise here
    assert response.status_code in (200, 302, 400, 403, 404, 410), response.status_code
    if response.status_code != 302:
        assert _snapshot(record) == before, "a refused post changed something"


CLIENT_FIELDS = [*ClientForm.Meta.fields, "submission_key"]
NOTE_FIELDS = [*SessionNoteForm.Meta.fields, "submission_key", "save"]
LINK_FIELDS = ["first_name", "last_name", "email", "days", "send_email", "submission_key"]


@FUZZ
@given(data=hostile_post(CLIENT_FIELDS))
def test_add_client(as_alice, alice, data):
    _post_and_check(as_alice, reverse("clients:client-create"), data)


@FUZZ
@given(data=hostile_post(CLIENT_FIELDS))
def test_edit_client(as_alice, alice_client, data):
    url = reverse("clients:client-update", args=[alice_client.pk])
    _post_and_check(as_alice, url, data, alice_client)


@FUZZ
@given(data=hostile_post(LINK_FIELDS))
def test_new_client_link(as_alice, alice, data):
    _post_and_check(as_alice, reverse("intake:link-create"), data)


@FUZZ
@given(data=hostile_post(LINK_FIELDS[2:]))
def test_client_link(as_alice, alice_client, data):
    url = reverse("intake:client-link-create", args=[alice_client.pk])
    _post_and_check(as_alice, url, data, alice_client)


@FUZZ
@given(data=hostile_post(NOTE_FIELDS))
def test_new_session_note(as_alice, alice_client, complaint_map, data):
    _post_and_check(as_alice, reverse("notes:note-create", args=[alice_client.pk]), data)


@FUZZ
@given(data=hostile_post(NOTE_FIELDS))
def test_edit_session_note(as_alice, note, data):
    _post_and_check(as_alice, reverse("notes:note-update", args=[note.pk]), data, note)


@FUZZ
@given(data=hostile_post(["text", "reason", "submission_key"]))
def test_amendment(as_alice, signed_note, data):
    url = reverse("notes:note-amend", args=[signed_note.pk])
    _post_and_check(as_alice, url, data, signed_note)


@FUZZ
@given(data=hostile_post([*ReferralLetter.CONTENT_FIELDS], extra={"save": st.just("1")}))
def test_edit_letter(as_alice, draft, data):
    url = reverse("referrals:letter-edit", args=[draft.pk])
    _post_and_check(as_alice, url, data, draft)


@pytest.fixture
def final_letter(draft):
    return referral_services.letter_finalise(letter=draft, on_date=timezone.localdate())


@FUZZ
@given(data=hostile_post(["sent_on", "sent_via"]))
def test_mark_sent(as_alice, final_letter, data):
    url = reverse("referrals:letter-mark-sent", args=[final_letter.pk])
    _post_and_check(as_alice, url, data, final_letter)


@FUZZ
@given(data=hostile_post(["outcome", "restrictions", "received_on", "physician_name", "notes"]))
def test_record_clearance(as_alice, screened_client, data):
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    _post_and_check(as_alice, url, data, screened_client)


@pytest.fixture
def open_link(alice_client):
    return make_link(alice_client, expires_in=datetime.timedelta(days=1))


@pytest.mark.parametrize("section", [section.id for section in SECTIONS])
@FUZZ
@given(data=st.data())
def test_questionnaire_step(client, alice_client, open_link, section, data):
    intake, token = open_link
    fields = [q.id for q in questions_in_section(section)] + ["action"]
    posted = data.draw(hostile_post(fields))
    _post_and_check(client, form_url(token, section), posted, intake)
    intake.refresh_from_db()
    assert not intake.is_submitted  # no hostile post completes a form
