"""No button a role cannot use is shown: on a busy day, every link and every form the front
desk and the owner are shown, followed from their dashboard, opens for them (no 403 or 404)."""

import re

import pytest
from django.urls import Resolver404, resolve, reverse

from clients.models import Client, Therapist
from tests.factories import make_therapist
from tests.intake.questionnaire import make_link
from tests.practice_day import practice_day

SKIPPED = ("/admin/", "/logout/", "/intake/f/", "/static/")


def _crawl(browser, limit):
    """Every page reachable by links from the dashboard (up to `limit`); for each, the
    forms' actions it shows. Returns {url: status} and {action: page it was on}."""
    todo, statuses, actions = (
        [reverse("dashboard:dashboard"), reverse("clients:client-list")],
        {},
        {},
    )
    while todo and len(statuses) < limit:
        url = todo.pop()
        if url in statuses:
            continue
        response = browser.get(url)
        statuses[url] = response.status_code
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        for href in re.findall(r'<a\b[^>]*\shref="(/[^"#]*)', html):
            href = href.replace("&amp;", "&")
            if not href.startswith(SKIPPED):
                todo.append(href)
        for action in re.findall(r'<form\b[^>]*\saction="(/[^"#]*)"', html):
            if not action.startswith(SKIPPED):
                actions.setdefault(action.replace("&amp;", "&"), url)
    return statuses, actions


def _held_note(url, status):
    """ "Start a note" for a client held for a physician's clearance answers 403 with the
    page saying why, for the therapist too: the safety rule, not the role, refuses it."""
    return status == 403 and resolve(url).view_name == "notes:note-create"


@pytest.mark.slow
@pytest.mark.parametrize("role", [Therapist.Role.FRONT_DESK, Therapist.Role.OWNER])
def test_every_link_and_form_shown_to_the_role_is_one_it_may_use(
    client, practice, alice, bob, alice_client, role
):
    practice_day(alice, alice_client)
    make_link(Client.objects.create(therapist=bob, first_name="Ines", last_name="Lindholm"))
    user = make_therapist(practice, "staffer", "Sam", "Rivera")
    Therapist.objects.filter(user=user).update(role=role)
    client.force_login(user)
    statuses, actions = _crawl(client, limit=400)
    refused = {
        url: status
        for url, status in statuses.items()
        if status in (403, 404, 405) and not _held_note(url, status)
    }
    assert not refused, refused
    assert len(statuses) > 15
    # A form shown is one the role may post: its view answers a GET with a page, or with
    # a 405 for a POST-only action; never a 403 or a 404.
    for action, page in actions.items():
        try:
            resolve(action.split("?")[0])
        except Resolver404:
            pytest.fail(f"{page} posts to {action}, which is no page")
        status = client.get(action).status_code
        assert status not in (403, 404), f"{page} shows a form to {action} ({status})"
