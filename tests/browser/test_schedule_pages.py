"""The schedule's pages pass axe-core in Chromium with appointments on them, errors shown,
as a therapist, the owner and the front desk; the day and the week fit a phone."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from clients.models import Therapist
from schedule.services import time_off_add
from tests.browser.axe import assert_accessible
from tests.browser.phone import PHONE
from tests.browser.test_accessibility_staff import check, submit_for_server_errors
from tests.factories import (
    PASSWORD,
    REFER_ANSWERS,
    AppointmentTypeFactory,
    ClientFactory,
    book,
    make_submitted_intake,
    make_therapist,
    next_weekday,
    open_every_day,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def week(alice, alice_client, practice):
    """Alice's coming week: four appointments over two days, one client with a screening."""
    practice.time_zone = "America/Toronto"
    practice.save()
    open_every_day(alice)
    kind = AppointmentTypeFactory(practice=practice, name="Massage, 60 minutes")
    make_submitted_intake(alice_client, REFER_ANSWERS)
    monday = next_weekday(0, at="10:00", zone="America/Toronto")
    first = book(alice_client, kind, monday)
    for hours in (2, 4, 26):
        book(ClientFactory(therapist=alice), kind, monday + datetime.timedelta(hours=hours))
    return monday, first


def _log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_a_therapist_s_schedule_pages_pass_axe(logged_in_page, live_server, week, alice):
    page, base = logged_in_page, live_server.url
    monday, first = week
    day = monday.date().isoformat()
    check(page, f"{base}/schedule/day/?date={day}", heading=monday.strftime("%A"))
    expect(page.locator(".appt-card")).to_have_count(3)
    check(page, f"{base}/schedule/week/?date={day}")
    check(page, f"{base}{first.get_absolute_url()}")
    check(page, f"{base}/schedule/book/?q=Example")
    check(page, f"{base}/schedule/book/?client={first.client_id}")
    submit_for_server_errors(page, "Book appointment")
    assert_accessible(page)
    # A clash, explained next to the time.
    page.get_by_label("Date").fill(day)
    page.get_by_label("Time").fill("10:30")
    page.get_by_role("button", name="Book appointment").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("already has an appointment")
    assert_accessible(page)
    check(page, f"{base}/schedule/appointments/{first.pk}/move/")
    check(page, f"{base}/schedule/appointments/{first.pk}/cancel/")
    check(page, f"{base}/schedule/calendar/")
    page.get_by_role("button", name="Create a calendar address").click()
    expect(page.get_by_label("Your calendar address", exact=False)).to_have_value(
        re.compile(r"/schedule/feed/.+\.ics$")
    )
    assert_accessible(page)


def test_the_owner_s_and_the_front_desk_s_pages_pass_axe(page, live_server, week, practice, alice):
    base = live_server.url
    owner = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    desk = make_therapist(practice, "frank", "Frank", "Desk", designation="")
    Therapist.objects.filter(user=desk).update(role=Therapist.Role.FRONT_DESK)
    monday, _ = week
    time_off_add(
        therapist=alice,
        start=monday + datetime.timedelta(days=14),
        end=monday + datetime.timedelta(days=16),
        reason="Course",
    )
    _log_in(page, base, "olivia")
    check(page, f"{base}/schedule/types/", heading="Appointment types")
    submit_for_server_errors(page, "Save")
    assert_accessible(page)
    check(page, f"{base}/schedule/hours/", heading="Working hours and time off")
    submit_for_server_errors(page, "Add hours")
    assert_accessible(page)
    check(page, f"{base}/schedule/practice/?date={monday.date().isoformat()}")
    expect(page.locator(".tier-badge")).to_have_count(1)
    page.context.clear_cookies()
    _log_in(page, base, "frank")
    check(page, f"{base}/schedule/practice/?date={monday.date().isoformat()}")
    expect(page.locator(".appt-card")).to_have_count(3)
    expect(page.locator(".tier-badge")).to_have_count(0)


def test_the_day_and_the_week_fit_a_phone(browser, live_server, week):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    base = live_server.url
    _log_in(page, base, "alice")
    day = week[0].date().isoformat()
    for url in (f"/schedule/day/?date={day}", f"/schedule/week/?date={day}", "/"):
        check(page, f"{base}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["viewport"]["width"], f"{url} is {width}px wide"
    context.close()
