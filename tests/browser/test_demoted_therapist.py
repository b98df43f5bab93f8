"""Issue 18's "done when": a therapist demoted to the front desk sees no clinical word on any
page, from their next request on, in a real browser session that was signed in before the
change."""

import re

import pytest
from playwright.sync_api import expect

from clients.models import Therapist
from tests.factories import PASSWORD
from tests.practice_day import practice_day
from tests.test_access_sweep import PAIN_SCORE, _clinical_words

pytestmark = pytest.mark.browser


def test_a_therapist_moved_to_the_front_desk_sees_no_clinical_word_anywhere(
    page, live_server, alice, alice_client
):
    practice_day(alice, alice_client)
    words = _clinical_words()
    base = live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    expect(page.locator("#intakes-to-review .tier-badge").first).to_be_visible()

    # The owner moves her to the front desk while she is signed in.
    Therapist.objects.filter(user=alice).update(role=Therapist.Role.FRONT_DESK)

    # Her next page is the front desk's dashboard; what its search finds as she types (her
    # own clients among them) is names and contact details only.
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Front desk")).to_be_visible()
    page.get_by_label("Name, email or phone").press_sequentially("nun", delay=50)
    expect(page.locator("#client-results").get_by_role("link", name="Núñez, Zoë")).to_be_visible()
    text = page.locator("body").inner_text()
    assert not [word for word in words if word in text]

    todo, seen = ["/", "/clients/"], set()
    while todo:
        path = todo.pop()
        if path in seen or path.startswith(("/logout/", "/admin/", "/intake/rulebook/")):
            continue  # the rulebook is the same for everyone and names no client
        seen.add(path)
        response = page.goto(f"{base}{path}")
        text = page.locator("body").inner_text()
        shown = [word for word in words if word in text]
        assert not shown, f"{path} ({response.status}) shows {shown}"
        assert not PAIN_SCORE.search(text), f"{path} shows a pain score"
        for href in page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        ):
            href = href.split("#")[0]
            if href and not href.startswith("/static/"):
                todo.append(href)
    assert len(seen) > 5  # the client list and each client's contact details were opened
    assert any(re.match(r"/clients/\d+/edit/", path) for path in seen)
