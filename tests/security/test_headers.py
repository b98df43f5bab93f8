"""Every page carries the Content-Security-Policy and Permissions-Policy, no served HTML has
inline script or style, and nothing a signed-in user sees is stored by the browser."""

import re

import pytest
from django.urls import reverse

from tests.intake.questionnaire import make_link
from tests.practice_day import practice_day
from tests.test_access_sweep import (  # noqa: F401 (fixtures)
    SWEPT,
    _url,
    appointment,
    appointment_type,
    open_link,
    sent,
    submitted_intake,
    time_off,
    working_hours_rule,
)

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
}
# A <script type="application/json"> (json_script) is data the CSP does not run; fine.
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>', re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
PUBLIC_PAGES = ["/login/", "/account/reset/", "/account/reset/sent/", "/no-such-page/"]


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def assert_safe_headers(response):
    assert directives(response) == POLICY
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "payment=()" in response["Permissions-Policy"]


def assert_no_inline_code(url, response):
    if not response["Content-Type"].startswith("text/html"):
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), f"{url}: {INLINE_SCRIPT.search(html).group()}"
    assert not INLINE_STYLE.search(html), f"{url}: inline style near {_near(html, INLINE_STYLE)}"
    assert not EVENT_HANDLER.search(html), f"{url}: {EVENT_HANDLER.search(html).group()}"


def _near(html, pattern):
    start = pattern.search(html).start()
    return html[max(0, start - 80) : start + 80]


@pytest.mark.parametrize("name", SWEPT)
def test_every_staff_page_has_the_policy_and_is_never_stored(as_alice, request, name):
    url = _url(request, name)
    response = as_alice.get(url)
    assert_safe_headers(response)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert_no_inline_code(url, response)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_the_policy_and_no_inline_code(client, db, path):
    response = client.get(path)
    assert_safe_headers(response)
    assert_no_inline_code(path, response)


def test_the_clients_questionnaire_has_the_policy_and_no_inline_code(client, alice_client):
    _, token = make_link(alice_client)
    response = client.get(f"/intake/f/{token}/", follow=True)
    assert response.status_code == 200
    assert_safe_headers(response)
    assert_no_inline_code("questionnaire", response)


def test_account_pages_have_the_policy_and_no_inline_code(as_alice):
    for path in ("/account/password/", "/account/two-factor/"):
        response = as_alice.get(path)
        assert response.status_code == 200
        assert_safe_headers(response)
        assert_no_inline_code(path, response)
        assert "no-store" in response["Cache-Control"]


@pytest.mark.slow
def test_no_page_on_a_busy_day_has_inline_script_or_style(as_alice, alice, alice_client):
    """Crawl every link from the dashboard with a full practice day (charts, letters...)."""
    practice_day(alice, alice_client)
    todo, seen = [reverse("dashboard:dashboard")], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = as_alice.get(url)
        assert_safe_headers(response)
        assert "no-store" in response["Cache-Control"], url
        assert_no_inline_code(url, response)
        if response["Content-Type"].startswith("text/html"):
            for href in re.findall(r'<a\b[^>]*\shref="(/[^"#]*)', response.content.decode()):
                href = href.replace("&amp;", "&")
                if not href.startswith(("/admin/", "/logout/", "/static/")):
                    todo.append(href)
    assert any(url.endswith(".pdf") for url in seen)
    assert len(seen) > 30


def test_pdfs_are_never_stored(as_alice, alice, alice_client):
    practice_day(alice, alice_client)
    from referrals.models import ReferralLetter

    letter = ReferralLetter.objects.exclude(pdf="").first()
    response = as_alice.get(reverse("referrals:letter-pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_a_signed_out_visitor_is_not_told_no_store_on_static_files(client, db):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
