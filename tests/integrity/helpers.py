"""Helpers of the integrity tests: simultaneous requests, and a client halfway through."""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from django.db import connections

from intake import services
from screening.questions import questions_in_section
from tests.intake.questionnaire import SECTION_IDS, form_url, make_link, valid_post

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def at_once(*jobs):
    """Run each job in its own thread, all released together; returns their results.

    Each thread has its own database connection, closed when it ends.
    """
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported to the test as a result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def ready_to_send(client):
    """(intake, token) of a link whose every step but the last is saved and finished."""
    intake, token = make_link(client)
    answers = valid_post()
    for section in SECTION_IDS[:-1]:
        typed = {
            q.id: answers[section][q.id]
            for q in questions_in_section(section)
            if q.id in answers[section]
        }
        services.intake_save_section(intake=intake, section=section, typed=typed, done=True)
    return intake, token


class Browser:
    """A phone's browser over real HTTP: its own cookies, follows redirects."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path, data=None):
        """(status, page) of a GET, or of a POST of `data` with the page's CSRF token."""
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def open_form(self, path):
        """Open the page of a form; returns a function that presses its button with `data`."""
        status, page = self.request(path)
        match = CSRF_RE.search(page)
        csrf = match.group(1) if match else ""

        def press(data):
            return self.request(path, {**data, "csrfmiddlewaretoken": csrf})

        return press

    def post_form(self, path, data):
        """Open the page, then post `data` from it (as a client pressing its button)."""
        return self.open_form(path)(data)


def last_step(base_url, token, **changes):
    """A phone showing the last step of the link; calling it presses "Send my answers"."""
    consent = {**valid_post()[SECTION_IDS[-1]], "action": "next", **changes}
    press = Browser(base_url).open_form(form_url(token, SECTION_IDS[-1]))
    return lambda: press(consent)
