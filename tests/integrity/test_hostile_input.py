"""Every form and every step of the client's questionnaire, posted hostile values (NUL
characters, huge strings, odd unicode, wrong types, missing fields): the answer is a page
with messages or a redirect, never a server error, and a refused post changes nothing."""

import datetime
import html

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseForm
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.models import Clearance
from clients.forms import ClientForm
from clients.models import Client, Therapist
from intake.forms import SectionForm
from intake.models import Intake, Screening
from intake.public_views import MAX_TYPED_LENGTH, SECTION_IDS
from intake.staff_forms import NewClientLinkForm
from notes.forms import AmendmentForm, SessionNoteForm
from notes.models import NoteAmendment, SessionNote
from records.forms import StaffCreateForm
from referrals import services as referral_services
from referrals.forms import ClearanceForm, LetterForm, MarkSentForm
from referrals.models import ReferralLetter
from screening.questions import SECTIONS, questions_in_section
from tests.factories import ClientFactory, make_submitted_intake, make_therapist, note_form_data
from tests.intake.questionnaire import fill_in, form_url, make_link, valid_post

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
    fields.pop("first_opened_at", None)  # the link's status: the client was there
    fields.pop("last_active_at", None)
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


# Over-long values, one field at a time, on an otherwise valid post: every field is bounded
# before it reaches the database, and the page says so next to the field (a varchar column
# overflowing would be a DataError and a server error on PostgreSQL).
LONG = "1" * 20_001
# A well-formed address longer than the 254 characters of an email column.
LONG_EMAIL = "a" * 60 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + "." + "example.com"


def _form_with_error(response, field):
    for context in response.context:
        for value in context.dicts if hasattr(context, "dicts") else [context]:
            for candidate in value.values() if isinstance(value, dict) else []:
                if isinstance(candidate, BaseForm) and candidate.errors.get(field):
                    return candidate
    return None


def _refused_next_to_the_field(http, url, data, field, record=None, method="post"):
    """`field` over-long on an otherwise valid form: the page again, the field's own message
    on it, nothing saved."""
    send = http.post if method == "post" else http.get
    for value in [LONG, LONG_EMAIL] if "email" in field else [LONG]:
        before = _snapshot(record)
        response = send(url, {**data, field: value})  # a server error would raise here
        assert response.status_code in (200, 400), (field, response.status_code)
        form = _form_with_error(response, field)
        assert form is not None, f"{field}: no message next to the field"
        page = html.unescape(response.content.decode())
        assert form.errors[field][0] in page, field
        assert _snapshot(record) == before, f"{field}: a refused post changed something"


def _fields(form_class, *, skip=()):
    """The fields a user types or picks in: booleans (any value is "on") and the hidden
    one-time key (a malformed key only means no deduplication) have no length to refuse."""
    return [
        name
        for name, field in form_class.base_fields.items()
        if not isinstance(field, forms.BooleanField) and name != "submission_key"
        if name not in skip
    ]


CLIENT_DATA = {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com"}


@pytest.mark.parametrize("field", _fields(ClientForm))
def test_over_long_client_fields(as_alice, alice_client, field):
    url = reverse("clients:client-update", args=[alice_client.pk])
    _refused_next_to_the_field(as_alice, url, CLIENT_DATA, field, alice_client)


@pytest.mark.parametrize("field", _fields(NewClientLinkForm))
def test_over_long_link_fields(as_alice, alice, field):
    data = {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com", "days": "14"}
    _refused_next_to_the_field(as_alice, reverse("intake:link-create"), data, field)


@pytest.mark.parametrize("field", _fields(SessionNoteForm))
def test_over_long_session_note_fields(as_alice, note, field):
    url = reverse("notes:note-update", args=[note.pk])
    _refused_next_to_the_field(as_alice, url, note_form_data(), field, note)


@pytest.mark.parametrize("field", _fields(AmendmentForm))
def test_over_long_amendment_fields(as_alice, signed_note, field):
    url = reverse("notes:note-amend", args=[signed_note.pk])
    data = {"text": "Left side too.", "reason": "Missed"}
    _refused_next_to_the_field(as_alice, url, data, field, signed_note)


@pytest.mark.parametrize("field", _fields(LetterForm))
def test_over_long_letter_fields(as_alice, draft, field):
    data = {
        name: value or "" for name, value in model_to_dict(draft, LetterForm.Meta.fields).items()
    }
    url = reverse("referrals:letter-edit", args=[draft.pk])
    _refused_next_to_the_field(as_alice, url, {**data, "save": "1"}, field, draft)


@pytest.mark.parametrize("field", _fields(MarkSentForm))
def test_over_long_mark_sent_fields(as_alice, final_letter, field):
    data = {"sent_on": timezone.localdate().isoformat(), "sent_via": "post"}
    url = reverse("referrals:letter-mark-sent", args=[final_letter.pk])
    _refused_next_to_the_field(as_alice, url, data, field, final_letter)


@pytest.mark.parametrize("field", _fields(ClearanceForm))
def test_over_long_clearance_fields(as_alice, screened_client, field):
    data = {
        "outcome": "granted",
        "received_on": timezone.localdate().isoformat(),
        "physician_name": "Dr. Helen Park",
    }
    url = reverse("referrals:clearance-record", args=[screened_client.pk])
    _refused_next_to_the_field(as_alice, url, data, field, screened_client)


@pytest.fixture
def as_owner(client, practice):
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    client.force_login(owner)
    return client


@pytest.mark.parametrize("field", _fields(StaffCreateForm))
def test_over_long_staff_fields(as_owner, field):
    data = {
        "first_name": "Nina",
        "last_name": "Park",
        "username": "nina",
        "email": "nina@example.com",
        "role": Therapist.Role.FRONT_DESK,
    }
    _refused_next_to_the_field(as_owner, reverse("records:staff-create"), data, field)


def test_over_long_erase_confirmation(as_owner, practice):
    person = ClientFactory(therapist=get_user_model().objects.get(username="olivia"))
    url = reverse("records:client-erase", args=[person.pk])
    _refused_next_to_the_field(as_owner, url, {}, "confirm_name", person)


@pytest.mark.parametrize("field", ["chest_pain", "bladder_change"])
def test_over_long_in_person_answers(as_alice, alice_client, field):
    intake = make_submitted_intake(alice_client, {"chest_pain": None, "bladder_change": None})
    url = reverse("intake:in-person-answers", args=[intake.pk])
    data = {"chest_pain": "no", "bladder_change": "no"}
    _refused_next_to_the_field(as_alice, url, data, field, intake)


def test_over_long_search(as_alice, alice_client):
    url = reverse("clients:client-list")
    _refused_next_to_the_field(as_alice, url, {}, "q", method="get")


@pytest.mark.parametrize("field", ["client", "user", "date_from", "date_to"])
def test_over_long_audit_log_filters(as_owner, field):
    url = reverse("records:audit-log")
    _refused_next_to_the_field(as_owner, url, {}, field, method="get")


def _questionnaire_fields():
    return [
        (section.id, question.id)
        for section in SECTIONS
        for question in questions_in_section(section.id)
    ]


@pytest.mark.parametrize(("section", "field"), _questionnaire_fields())
def test_over_long_questionnaire_answers(client, alice_client, open_link, section, field):
    intake, token = open_link
    answers = valid_post()
    fill_in(client, token, answers, sections=SECTION_IDS[: SECTION_IDS.index(section)])
    shown = SectionForm(section=SECTIONS[SECTION_IDS.index(section)], about=answers["about"])
    if field not in shown.fields:
        pytest.skip(f"{field} is not asked of this client")
    url = form_url(token, section)
    _refused_next_to_the_field(client, url, answers[section], field)
    intake.refresh_from_db()
    typed = intake.draft_answers.get(section, {}).get(field, "")
    assert len(typed) <= MAX_TYPED_LENGTH  # the draft keeps what was typed, bounded
