"""A first note starts from the latest intake, a later one from the previous note; every
value brought in says where it came from and stays editable."""

import html
import re

from clearance.status import care_status
from notes import services
from notes.models import SessionNote
from tests.factories import make_note, make_submitted_intake

ANSWERS = {
    "main_complaint": "Stiff neck since I started the new job, worse by the evening.",
    "pain_now": 6,
    "pain_areas": ["neck", "shoulder_left"],
    "goals": "Turn my head to reverse the car",
}


def _form(as_alice, client):
    return as_alice.get(f"/clients/{client.pk}/notes/new/").content.decode()


def _field(page, name):
    """The rendered <input>/<textarea> of a field."""
    match = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>([^<]*)', page)
    assert match, name
    return match.group(0)


def test_the_first_note_starts_from_the_intake(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, ANSWERS)

    page = _form(as_alice, alice_client)

    subjective = _field(page, "subjective")
    assert 'data-prefilled="the intake"' in subjective
    assert "Stiff neck since I started the new job" in subjective
    assert 'value="6"' in _field(page, "pain_before")
    assert 'data-prefilled="the intake"' in _field(page, "pain_before")
    assert 'value="Turn my head to reverse the car"' in _field(page, "psfs_activity_1")
    assert "From the intake; edit as needed." in page
    assert 'id="from-intake"' in page and "pm-marked" in page
    assert '<li data-area="shoulder_left">' in page
    # Editable: plain inputs, never read-only or disabled.
    assert "readonly" not in _field(page, "subjective")
    assert "disabled" not in _field(page, "pain_before")
    assert "data-prefilled" not in _field(page, "findings")


def test_preferences_are_shown_when_the_intake_has_them(as_alice, alice_client, complaint_map):
    intake = make_submitted_intake(alice_client, ANSWERS)
    intake.answers = {
        **intake.answers,
        "pressure_preference": "light",
        "areas_to_avoid": ["shoulder_left"],
        "areas_to_avoid_notes": "Recent tattoo",
    }
    intake.save()

    page = _form(as_alice, alice_client)

    assert re.search(r'<option value="light"[^>]* selected', page)
    assert "Shoulder, left side" in page and "Recent tattoo" in page


def test_an_intake_without_the_newer_questions_shows_no_preferences(
    as_alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, ANSWERS)

    page = _form(as_alice, alice_client)

    assert "Pressure preference" not in page and "Areas to avoid" not in page
    assert not re.search(r'<option value="[a-z]+"[^>]* selected', page)


def test_the_saved_note_keeps_what_the_therapist_edited(as_alice, alice_client, complaint_map):
    from tests.factories import note_form_data

    make_submitted_intake(alice_client, ANSWERS)
    as_alice.post(
        f"/clients/{alice_client.pk}/notes/new/",
        note_form_data(subjective="Neck better this week", pain_before="4"),
    )

    note = SessionNote.objects.get()
    assert (note.subjective, note.pain_before) == ("Neck better this week", 4)


def test_a_later_note_starts_from_the_last_plan_and_its_activities(
    as_alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, ANSWERS)
    make_note(
        alice_client,
        plan="Re-check left levator scapulae; add chin tucks.",
        psfs_activity_1="Reverse the car",
        psfs_score_1=3,
        psfs_activity_2="Sleep on my left side",
        psfs_score_2=5,
    )

    page = _form(as_alice, alice_client)

    assert "Last plan" in page and "Re-check left levator scapulae" in page
    assert 'value="Reverse the car"' in _field(page, "psfs_activity_1")
    assert 'data-prefilled="the last note"' in _field(page, "psfs_activity_2")
    assert "value=" not in _field(page, "psfs_score_1")
    # The intake's complaint and pain were for the first visit only.
    assert "Stiff neck since" not in _field(page, "subjective")
    assert "value=" not in _field(page, "pain_before")


def _pressure(page):
    """The pressure field as rendered: its <select> and the text beside it."""
    start = page.index('name="pressure"')
    return html.unescape(page[page.rfind("<select", 0, start) : page.index("</div>", start) + 400])


CAPPED = (
    "Capped at moderate: No deep tissue or forceful pressure (anticoagulants or bleeding disorder)."
)


def test_a_firm_preference_starts_at_moderate_under_a_deep_pressure_caution(
    as_alice, alice_client, complaint_map
):
    make_submitted_intake(alice_client, {"anticoagulants": True, "pressure_preference": "firm"})
    care = care_status(alice_client)

    assert services.pressure_cap(care)[0] == SessionNote.Pressure.MODERATE
    start = services.starting_pressure("firm", care)
    assert (start.value, start.message) == ("moderate", CAPPED)
    assert services.starting_pressure("deep", care).value == "moderate"
    assert services.starting_pressure("light", care).value == "light"
    field = _pressure(_form(as_alice, alice_client))
    assert re.search(r'<option value="moderate"[^>]* selected', field)
    assert 'data-prefilled="the intake"' in field
    assert f"From the intake; edit as needed. {CAPPED}" in field
    assert 'value="firm" selected' not in field


def test_a_firm_preference_stays_firm_without_a_caution(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"pressure_preference": "firm"})

    start = services.starting_pressure("firm", care_status(alice_client))
    assert (start.value, start.message) == ("firm", "")
    field = _pressure(_form(as_alice, alice_client))
    assert re.search(r'<option value="firm"[^>]* selected', field)
    assert "Capped" not in field


def test_a_medium_preference_starts_at_moderate(as_alice, alice_client, complaint_map):
    """The questionnaire says medium, the note says moderate."""
    make_submitted_intake(alice_client, {"pressure_preference": "medium"})

    field = _pressure(_form(as_alice, alice_client))
    assert re.search(r'<option value="moderate"[^>]* selected', field)
    assert "Capped" not in field


def test_not_sure_about_pressure_starts_with_none(as_alice, alice_client, complaint_map):
    make_submitted_intake(alice_client, {"pressure_preference": "not_sure"})

    field = _pressure(_form(as_alice, alice_client))
    assert not re.search(r'<option value="[a-z]+"[^>]* selected', field)
