"""What clients stumbled on in the questionnaire (issue 18): "Back" to a page not yet
answered showed every question in red; the error summary said "Please answer this
question." without naming one; the email and phone the therapist typed were not filled in;
"Only your therapist will see your answers" was not true when the practice has an owner."""

import html
import re

from clients.models import Therapist
from screening.questions import QUESTIONS, SCREENING_SECTION_IDS
from tests.factories import make_therapist
from tests.intake.questionnaire import SECTION_IDS, fill_in, form_url, valid_post


def _text(response):
    return html.unescape(response.content.decode())


def _summary(response):
    page = _text(response)
    match = re.search(r'<div class="error-summary.*?</div>', page, re.S)
    return match.group(0) if match else ""


def test_back_from_a_page_not_yet_answered_shows_no_message_when_it_is_opened_again(client, link):
    _, token = link
    first, second = SECTION_IDS[0], SECTION_IDS[1]
    fill_in(client, token, valid_post(), sections=[first])
    # On the second page the client presses Back at once, having typed only one answer.
    typed = {"main_complaint": "Sore neck", "action": "back"}
    response = client.post(form_url(token, second), typed)
    assert response["Location"] == form_url(token, first)
    # They press "Save and continue" on the first page and land on the second again.
    client.post(form_url(token, first), valid_post()[first])
    page = client.get(form_url(token, second))
    assert 'id="error-summary"' not in _text(page)
    assert "has-error" not in _text(page)
    assert "Sore neck" in _text(page)  # what they typed is still there
    # "Save and continue" without the rest: now the messages.
    response = client.post(form_url(token, second), {"main_complaint": "Sore neck"})
    assert 'id="error-summary"' in _text(response)


def test_back_to_a_screening_page_never_answered_is_not_red(client, link):
    _, token = link
    answers = valid_post()
    before = SECTION_IDS.index(SCREENING_SECTION_IDS[0])
    fill_in(client, token, answers, sections=SECTION_IDS[:before])
    screening, following = SCREENING_SECTION_IDS[0], SECTION_IDS[before + 1]
    client.post(form_url(token, screening), {"action": "back"})
    client.post(form_url(token, SECTION_IDS[before - 1]), answers[SECTION_IDS[before - 1]])
    page = _text(client.get(form_url(token, screening)))
    assert "has-error" not in page and "Please answer this question." not in page
    assert following  # the page after exists: the client is not at the end


def test_a_page_the_send_step_sends_back_to_still_shows_its_messages(client, link):
    _, token = link
    answers = valid_post()
    skipped = SCREENING_SECTION_IDS[0]
    fill_in(client, token, answers, sections=[s for s in SECTION_IDS if s != skipped])
    response = client.post(form_url(token, "consent"), answers["consent"], follow=True)
    assert 'id="error-summary"' in _text(response)


def test_the_error_summary_names_each_question(client, link):
    _, token = link
    page = SCREENING_SECTION_IDS[0]
    response = client.post(form_url(token, page), {})
    summary = _summary(response)
    refused = re.findall(r'id="id_(\w+)_error"', _text(response))
    assert len(refused) > 1
    for question_id in refused:
        assert f">{QUESTIONS[question_id].label}</a>" in summary, question_id
    # Each question once, under one request to answer them (not eight times the same).
    assert summary.count("</a>") == len(refused)
    assert f"Please answer these {len(refused)} questions" in summary
    assert "Please answer this question." not in summary
    # A message that says more than "answer it" is kept beside its question.
    response = client.post(form_url(token, "complaint"), {"pain_now": "11"})
    assert "Please choose a number from 0 to 10." in _summary(response)
    assert "Please check these" in _summary(response)


def test_the_email_and_phone_the_therapist_typed_are_filled_in(client, link):
    _, token = link  # Zoë's record has her email and phone (tests/conftest.py)
    page = _text(client.get(form_url(token, "about")))
    assert 'value="zoe.nunez@example.com"' in page
    assert 'value="+1 (555) 010-2030"' in page
    assert "We filled in what you told us last time" not in page  # a first intake


def test_the_first_page_says_who_will_read_the_answers(client, practice, link):
    _, token = link
    page = _text(client.get(form_url(token, SECTION_IDS[0])))
    assert "Only Alice Moreau will see your answers." in page
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    page = _text(client.get(form_url(token, SECTION_IDS[0])))
    assert (
        "Only Alice Moreau and Olivia Grant, who runs Harbour Massage Clinic, "
        "will see your answers." in " ".join(page.split())
    )
    assert "Only your therapist will see" not in page


def test_a_returning_client_sees_the_email_the_therapist_corrected_since(client, alice_client):
    from tests.intake.questionnaire import make_link

    _, first = make_link(alice_client)
    fill_in(client, first, valid_post())  # the answers give zoe.new@example.com
    alice_client.refresh_from_db()
    alice_client.email = "zoe@work.example"
    alice_client.save()
    _, token = make_link(alice_client)
    page = _text(client.get(form_url(token, "about")))
    assert 'value="zoe@work.example"' in page
    assert "We filled in what you told us last time" in page  # the physician, say
