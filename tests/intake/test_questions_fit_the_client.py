"""Questions that fit the client (screening version 3): what does not apply is not asked, the
context that decides a red flag is asked when pain is marked, and a returning client starts
from their last answers while the screening is asked afresh."""

from intake.models import Intake
from tests.intake.questionnaire import fill_in, form_url, make_link, valid_post


def shown_fields(response):
    return set(response.context["form"].fields)


def post_about(client, token, **changes):
    about = {**valid_post()["about"], **changes}
    client.post(form_url(token, "about"), about)


def test_pain_marked_without_how_long_gets_a_message_by_the_field_and_keeps_what_was_typed(
    client, link
):
    intake, token = link
    typed = {**valid_post()["complaint"], "goals": "Lift my grandson"}
    del typed["pain_duration"]
    response = client.post(form_url(token, "complaint"), typed)
    form = response.context["form"]
    assert form.errors["pain_duration"] == ["Please tell us how long you have had this pain."]
    intake.refresh_from_db()
    assert "complaint" not in intake.sections_done
    assert intake.draft_answers["complaint"]["goals"] == "Lift my grandson"


def test_pain_marked_needs_how_it_started_and_whether_it_is_new(client, link):
    _, token = link
    typed = {**valid_post()["complaint"]}
    del typed["pain_onset"], typed["first_episode"]
    form = client.post(form_url(token, "complaint"), typed).context["form"]
    assert form.errors["pain_onset"] == ["Please tell us how the pain started."]
    assert form.errors["first_episode"] == [
        "Please tell us whether this is the first time you have had this pain."
    ]


def test_no_pain_marked_needs_no_duration(client, link):
    intake, token = link
    typed = {**valid_post()["complaint"]}
    for key in ("pain_areas", "pain_duration", "first_episode", "pain_onset"):
        del typed[key]
    client.post(form_url(token, "complaint"), typed)
    intake.refresh_from_db()
    assert "complaint" in intake.sections_done


def test_a_man_is_not_asked_whether_he_is_pregnant(client, link):
    _, token = link
    post_about(client, token, sex_at_birth="male")
    medicines = shown_fields(client.get(form_url(token, "medicines")))
    assert "pregnant" not in medicines
    assert "erection_ejaculation_change" in shown_fields(client.get(form_url(token, "back_legs")))


def test_a_woman_of_60_is_not_asked_whether_she_is_pregnant(client, link):
    _, token = link
    post_about(client, token, sex_at_birth="female", date_of_birth="1960-01-01")
    assert "pregnant" not in shown_fields(client.get(form_url(token, "medicines")))


def test_a_woman_is_asked_about_pregnancy_and_not_about_erections(client, link):
    _, token = link
    post_about(client, token, sex_at_birth="female", date_of_birth="1990-01-01")
    assert "pregnant" in shown_fields(client.get(form_url(token, "medicines")))
    back_legs = shown_fields(client.get(form_url(token, "back_legs")))
    assert "erection_ejaculation_change" not in back_legs
    assert "sexual_function_change" in back_legs  # the neutral wording, for everyone


def test_without_sex_at_birth_every_question_is_asked(client, link):
    _, token = link
    post_about(client, token)
    assert "pregnant" in shown_fields(client.get(form_url(token, "medicines")))
    assert "erection_ejaculation_change" in shown_fields(client.get(form_url(token, "back_legs")))


def test_a_man_can_send_the_form_without_the_pregnancy_questions(client, link):
    intake, token = link
    answers = valid_post()
    answers["about"]["sex_at_birth"] = "male"
    for key in ("pregnant", "pregnancy_high_risk"):
        answers["medicines"].pop(key)
    fill_in(client, token, answers)
    intake.refresh_from_db()
    assert intake.is_submitted
    assert intake.screening.tier == "clear"
    assert "pregnant" not in intake.answers


def test_a_returning_client_starts_from_their_last_answers(client, alice_client):
    first, first_token = make_link(alice_client)
    answers = valid_post(medications="Eliquis 5 mg twice a day", conditions="Atrial fibrillation")
    answers["medicines"]["anticoagulants"] = "yes"
    fill_in(client, first_token, answers)
    assert Intake.objects.get(pk=first.pk).is_submitted

    _, token = make_link(alice_client)
    about = client.get(form_url(token, "about"))
    assert about.context["form"].initial["physician_name"] == "Dr. Omar Reyes"
    assert about.context["form"].initial["phone"] == "+1 555 010 4040"
    assert "We filled in what you told us last time" in about.content.decode()

    medicines = client.get(form_url(token, "medicines")).context["form"]
    assert medicines.initial == {"medications": "Eliquis 5 mg twice a day"}  # no screening answer
    history = client.get(form_url(token, "history")).context["form"]
    assert history.initial["conditions"] == "Atrial fibrillation"
    complaint = client.get(form_url(token, "complaint")).context["form"]
    assert complaint.initial == {}  # what brings them in is asked afresh


def test_a_first_time_client_sees_no_carried_over_answers(client, link):
    _, token = link
    about = client.get(form_url(token, "about"))
    assert "We filled in what you told us last time" not in about.content.decode()
    # Only what the therapist typed on the record (issue 18): name, email and phone.
    assert about.context["form"].initial == {
        "first_name": "Zoë",
        "last_name": "Núñez",
        "email": "zoe.nunez@example.com",
        "phone": "+1 (555) 010-2030",
    }
