"""The schedule end to end in Chromium: the therapist books a first visit for a new client,
the worker sends what is due (`worker --once`), the client opens the emailed link on a phone
and submits, and the schedule shows the intake submitted."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from schedule.models import Appointment
from screening.questions import SCREENING_PAGES
from tests.browser.phone import PHONE
from tests.browser.test_intake_phone import (
    answer_every_screening_page,
    choose,
    fill_about,
    save_and_continue,
)
from tests.factories import AppointmentTypeFactory, next_weekday, open_every_day
from tests.messaging.health_words import health_words_in_email

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_a_first_visit_booked_sends_the_link_and_the_schedule_shows_it_submitted(
    logged_in_page, live_server, alice, alice_client, practice, phone
):
    practice.time_zone = "America/Toronto"
    practice.save()
    open_every_day(alice)
    AppointmentTypeFactory(practice=practice, name="First visit", kind="first_visit")
    page = logged_in_page
    monday = next_weekday(0, at="10:00", zone="America/Toronto").date()

    # Book: find the client, pick the type, the day and the time.
    page.goto(f"{live_server.url}/schedule/book/")
    page.get_by_label("Find the client").fill("Núñez")
    page.get_by_role("button", name="Search").click()
    page.locator(".list-group").get_by_role("link", name="Book").click()
    page.get_by_label("Appointment type").select_option(label="First visit (60 min)")
    page.get_by_label("Date").fill(monday.isoformat())
    page.get_by_label("Time").fill("10:00")
    page.get_by_role("button", name="Book appointment").click()
    expect(page.get_by_role("status")).to_contain_text("Zoë Núñez is booked for")
    expect(page.locator("dd", has_text="No intake")).to_be_visible()
    appointment = Appointment.objects.get(client=alice_client)

    # The worker sends what is due: the confirmation and the questionnaire's link.
    call_command("worker", "--once")
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "A short questionnaire before your appointment at Harbour Massage Clinic",
        "Appointment booked at Harbour Massage Clinic",
    ]
    for email in mail.outbox:
        assert health_words_in_email(email) == []
    link_email = next(m for m in mail.outbox if "questionnaire" in m.subject)
    url = re.search(r"https?://\S+/intake/f/\S+/", link_email.body).group(0)
    url = url.replace(settings.SITE_URL, live_server.url)
    page.goto(f"{live_server.url}{appointment.get_absolute_url()}")
    expect(page.locator("dd", has_text="Sent")).to_be_visible()

    # The client opens the emailed link on a phone and sends the questionnaire.
    phone.goto(url)
    expect(phone.get_by_role("heading", name="About you")).to_be_visible()
    fill_about(phone)
    save_and_continue(phone, "Your pain")
    phone.get_by_label("What brings you in?").fill("Stiff shoulders from desk work.")
    choose(phone, "pain_now", "3")
    choose(phone, "pain_duration", "under_6_weeks")
    choose(phone, "first_episode", "yes")
    choose(phone, "pain_onset", "gradual")
    save_and_continue(phone, "Your massage")
    save_and_continue(phone, SCREENING_PAGES[0].title)
    answer_every_screening_page(phone, "Health history")
    save_and_continue(phone, "Consent")
    choose(phone, "consent_treatment", "yes")
    phone.get_by_label("Type your full name to sign this form").fill("Zoë Núñez")
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", name="Thank you", exact=False)).to_be_visible()

    # The therapist's day shows the intake submitted, with its tier.
    page.goto(f"{live_server.url}/schedule/day/?date={monday.isoformat()}")
    card = page.locator(".appt-card", has_text="Zoë Núñez")
    expect(card).to_contain_text("Intake: Submitted")
    expect(card.locator(".tier-badge")).to_be_visible()
