"""Every URL of the app, read from the URL configuration, is checked for who may open it.

Anonymous visitors get the login page (or a 404/405), never a page with client data. Bob, the
other therapist, a staff user without a therapist profile and another practice's owner get a
404 for anything of Alice's and change nothing. Alice opens her own; the practice owner opens
everything of the practice; the front desk opens contact details and intake links only. A URL
that is not in OBJECTS below fails the sweep, so no page can be added without saying whose
object it shows. Last, every link on Alice's pages on a busy day opens.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from clearance.models import Clearance
from clients.models import Client, Therapist
from intake.models import Intake
from notes.models import SessionNote
from referrals import services as referral_services
from referrals.models import ReferralLetter
from tests.factories import PracticeFactory, make_submitted_intake, make_therapist
from tests.intake.questionnaire import make_link
from tests.practice_day import practice_day

# Covered by their own tests (tests/intake/test_links.py, tests/security/, the admin's own):
# not Alice-owned pages behind a login. The public form is checked for a wrong token below.
# The calendar feed is opened by its secret address (tests/schedule/test_calendar_feed.py).
SKIPPED_PREFIXES = (
    "admin/",
    "login/",
    "logout/",
    "account/",
    "intake/f/",
    "schedule/feed/",
    "schedule/reminders-off/",
)

# Whatever a form might take; Bob's and the visitors' posts must change nothing with it.
HOSTILE_POST = {
    "first_name": "Hijacked",
    "last_name": "X",
    "email": "bob@example.com",
    "sent_via": "client",
    "sent_on": "2020-01-01",
    "outcome": "granted",
    "received_on": "2020-01-01",
    "physician_name": "Dr. Nobody",
    "reason": "x",
    "text": "x",
    "days": "7",
    "save": "1",
    "finalise": "1",
}
ALICE_NAMES = ("Núñez", "zoe.nunez@example.com")


@pytest.fixture
def open_link(alice_client):
    intake, _token = make_link(alice_client)
    return intake


@pytest.fixture
def submitted_intake(alice_client):
    return make_submitted_intake(alice_client, {"pain_now": 3})


@pytest.fixture
def sent(final):  # noqa: F811 (the imported fixture)
    return referral_services.letter_mark_sent(
        letter=final, sent_on=timezone.localdate(), sent_via=ReferralLetter.SentVia.CLIENT
    )


def _appointment_of(client):
    from tests.factories import AppointmentTypeFactory, book, next_weekday

    _working_hours_of(client.therapist)
    kind = AppointmentTypeFactory(practice=client.therapist.therapist.practice)
    return book(client, kind, next_weekday(0))


def _appointment_type_of(practice):
    from tests.factories import AppointmentTypeFactory

    return AppointmentTypeFactory(practice=practice)


def _working_hours_of(user):
    from tests.factories import open_every_day

    if not user.working_hours.exists():
        open_every_day(user)
    return user.working_hours.first()


def _time_off_of(user):
    import datetime

    from schedule.services import time_off_add

    start = timezone.now() + datetime.timedelta(days=30)
    return time_off_add(therapist=user, start=start, end=start + datetime.timedelta(days=2))


@pytest.fixture
def appointment(alice_client):
    return _appointment_of(alice_client)


@pytest.fixture
def appointment_type(practice):
    return _appointment_type_of(practice)


@pytest.fixture
def working_hours_rule(alice):
    return _working_hours_of(alice)


@pytest.fixture
def time_off(alice):
    return _time_off_of(alice)


def _pk(obj):
    return {"pk": obj.pk}


def _client_pk(obj):
    return {"client_pk": obj.pk}


# URL name -> (fixture giving Alice's object, the URL kwargs for it). None: a page of one's own,
# not of an object; Bob and the staff user get it, but with none of Alice's clients on it.
# Each object is in the state where its page is really shown to Alice (a letter's PDF exists
# once it is final, a reply is recorded once it is sent, an amendment goes on a signed note).
OBJECTS = {
    "dashboard:dashboard": None,
    "clients:client-list": None,
    "clients:client-create": None,
    "dashboard:client-detail": ("alice_client", _pk),
    "dashboard:client-timeline": ("alice_client", _pk),
    "dashboard:intakes-to-review": None,
    "dashboard:clients-needing-clearance": None,
    "dashboard:outstanding-letters": None,
    "dashboard:unsent-letters": None,
    "dashboard:waiting-for-client": None,
    "clients:client-update": ("alice_client", _pk),
    "dashboard:client-archive": ("alice_client", _pk),
    "dashboard:client-restore": ("alice_client", _pk),
    # A note needs an intake first (an unknown health is never read as clear).
    "notes:note-create": ("submitted_intake", lambda intake: {"pk": intake.client_id}),
    "notes:note-detail": ("note", _pk),
    "notes:note-update": ("note", _pk),
    "notes:note-sign": ("note", _pk),
    "notes:note-amend": ("signed_note", _pk),
    "notes:handout-pdf": ("note", _pk),
    "notes:handout-email": ("note", _pk),
    "intake:link-create": None,
    "intake:client-link-create": ("alice_client", _client_pk),
    "intake:intake-review": ("submitted_intake", _pk),
    "intake:intake-acknowledge": ("submitted_intake", _pk),
    "intake:intake-rescreen": ("submitted_intake", _pk),
    "intake:in-person-answers": ("submitted_intake", _pk),
    "intake:link-cancel": ("open_link", _pk),
    "intake:link-resend": ("open_link", _pk),
    "intake:rulebook": None,  # the same for every therapist, with no client on it
    "referrals:letter-create": ("screened_client", _client_pk),
    "referrals:clearance-record": ("screened_client", _client_pk),
    "referrals:letter-detail": ("draft", _pk),
    "referrals:letter-edit": ("draft", _pk),
    "referrals:letter-preview": ("draft", _pk),
    "referrals:letter-finalise": ("draft", _pk),
    "referrals:letter-pdf": ("final", _pk),
    "referrals:letter-mark-sent": ("final", _pk),
    "referrals:letter-correct": ("final", _pk),
    "referrals:letter-delete": ("draft", _pk),
    "referrals:letter-reply": ("sent", _pk),
    "schedule:home": None,
    "schedule:day": None,
    "schedule:week": None,
    "schedule:practice-day": None,
    "schedule:book": None,
    "schedule:appointment-detail": ("appointment", _pk),
    "schedule:appointment-move": ("appointment", _pk),
    "schedule:appointment-cancel": ("appointment", _pk),
    "schedule:appointment-mark": ("appointment", _pk),
    "schedule:types": None,  # the owner's practice's
    "schedule:type-edit": ("appointment_type", _pk),
    "schedule:hours": None,  # the owner's practice's
    "schedule:hours-remove": ("working_hours_rule", _pk),
    "schedule:time-off-remove": ("time_off", _pk),
    "schedule:feed-settings": None,  # one's own
    "records:audit-log": None,
    "records:audit-log-csv": None,
    "records:client-export": ("alice_client", _pk),
    "records:intake-pdf": ("submitted_intake", _pk),
    "records:client-erase": ("alice_client", _pk),
    "records:staff": None,  # the owner's own practice's staff
    "records:practice-settings": None,  # the owner's own practice
    "records:emails": None,  # the owner's own practice
    "records:staff-create": None,
    "records:staff-invite": ("alice", _pk),
    "records:staff-role": ("alice", _pk),
    "records:staff-deactivate": ("alice", _pk),
    "records:staff-reactivate": ("alice", _pk),
    "records:staff-unlock": ("alice", _pk),
    "records:staff-two-factor-reset": ("alice", _pk),
    "records:staff-enrolment-link": ("alice", _pk),
}
# The practice owner's pages: a 404 for everyone else, Alice included.
OWNER_ONLY = {
    "schedule:types",
    "schedule:type-edit",
    "schedule:hours",
    "schedule:hours-remove",
    "schedule:time-off-remove",
    "records:audit-log",
    "records:audit-log-csv",
    "records:emails",
    "records:client-export",
    "records:client-erase",
    "records:staff",
    "records:practice-settings",
    "records:staff-create",
    "records:staff-invite",
    "records:staff-role",
    "records:staff-deactivate",
    "records:staff-reactivate",
    "records:staff-unlock",
    "records:staff-two-factor-reset",
    "records:staff-enrolment-link",
}
# What the front desk opens: contact details and intake links of the practice's clients.
FRONT_DESK_OPENS = {
    "dashboard:dashboard",
    # The dashboard's lists show the signed-in user's own clients: none for the front desk.
    "dashboard:clients-needing-clearance",
    "dashboard:intakes-to-review",
    "dashboard:outstanding-letters",
    "dashboard:unsent-letters",
    # Links the practice sent, names and status only: the front desk resends them.
    "dashboard:waiting-for-client",
    "clients:client-list",
    "clients:client-update",
    "intake:client-link-create",
    "intake:link-cancel",
    "intake:link-resend",
    "intake:rulebook",
    # The schedule: the practice's day, booking, moving, cancelling, arrivals and no-shows.
    "schedule:home",
    "schedule:day",
    "schedule:week",
    "schedule:practice-day",
    "schedule:book",
    "schedule:appointment-detail",
    "schedule:appointment-move",
    "schedule:appointment-cancel",
    "schedule:appointment-mark",
}
# Adding a client gives them to a therapist: the front desk is told to ask one (403).
FRONT_DESK_REFUSED = {"clients:client-create", "intake:link-create"}


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, route, inner)
        else:
            yield route, f"{namespace}{entry.name}" if entry.name else None


def app_urls():
    """(route, name) of every URL the sweep must cover."""
    return [
        (route, name)
        for route, name in _walk(get_resolver())
        if not route.startswith(SKIPPED_PREFIXES)
    ]


SWEPT = sorted(name for _, name in app_urls() if name)


def test_every_url_has_an_owner_in_the_sweep():
    unnamed = [route for route, name in app_urls() if name is None]
    assert not unnamed, f"URLs without a name cannot be swept: {unnamed}"
    missing = sorted(set(SWEPT) - set(OBJECTS))
    assert not missing, f"Add these URLs to OBJECTS in {__name__} with Alice's object: {missing}"
    stale = sorted(set(OBJECTS) - set(SWEPT))
    assert not stale, f"OBJECTS names URLs that no longer exist: {stale}"


def _url(request, name):
    entry = OBJECTS[name]
    if entry is None:
        request.getfixturevalue("alice_client")  # so there is someone not to show
        return reverse(name)
    fixture, kwargs = entry
    return reverse(name, kwargs=kwargs(request.getfixturevalue(fixture)))


def _snapshot():
    """Every row of Alice's health data, to prove a request changed nothing of hers."""
    rows = [serializers.serialize("json", Client.objects.filter(therapist__username="alice"))]
    for model in (SessionNote, Intake, ReferralLetter, Clearance):
        mine = model.objects.filter(client__therapist__username="alice").order_by("pk")
        rows.append(serializers.serialize("json", mine))
    return rows


def _assert_no_alice_data(response):
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    for value in ALICE_NAMES:
        assert value not in text, f"{value} shown on a {response.status_code} page"


def _assert_turned_away(response, url, *, allow_login=True):
    if response.status_code == 302 and allow_login:
        assert response["Location"] == f"{reverse('login')}?next={url}"
    else:
        assert response.status_code in (404, 405), response.status_code
    _assert_no_alice_data(response)


@pytest.mark.parametrize("name", SWEPT)
def test_anonymous_visitor_gets_the_login_page(client, request, name):
    url = _url(request, name)
    before = _snapshot()
    _assert_turned_away(client.get(url), url)
    _assert_turned_away(client.post(url, HOSTILE_POST), url)
    assert _snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_it_checks_ownership(as_bob, request, name):
    url = _url(request, name)
    before = _snapshot()
    for method in ("get", "post"):
        response = getattr(as_bob, method)(url, HOSTILE_POST)
        if OBJECTS[name] is None and name not in OWNER_ONLY:
            # Bob's own page: it works, and shows none of Alice's clients.
            assert response.status_code in (200, 302), response.status_code
            _assert_no_alice_data(response)
        else:
            _assert_turned_away(response, url, allow_login=False)
    # Bob may add a client or a link of his own; nothing of Alice's changes.
    assert _snapshot() == before


@pytest.fixture
def staff_without_profile(client, db):
    user = get_user_model().objects.create_user(
        username="frontdesk", password="x", is_staff=True, first_name="Front", last_name="Desk"
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", SWEPT)
def test_staff_user_without_a_therapist_profile_sees_no_clients(
    staff_without_profile, request, name
):
    url = _url(request, name)
    response = staff_without_profile.get(url)
    if OBJECTS[name] is None and name not in OWNER_ONLY:
        assert response.status_code == 200
        _assert_no_alice_data(response)
    else:
        _assert_turned_away(response, url, allow_login=False)


@pytest.mark.parametrize("name", SWEPT)
def test_owner_opens_her_own(as_alice, request, name):
    url = _url(request, name)
    before = _snapshot()
    response = as_alice.get(url)
    if name in OWNER_ONLY:
        # A therapist is not the practice owner: the audit log, export, erase, staff: not hers.
        assert response.status_code == 404
        assert as_alice.post(url, {}).status_code == 404
        assert _snapshot() == before
        return
    # 405: a POST-only action; 302: an action that sends her on (never to the login page).
    assert response.status_code in (200, 302, 405), response.status_code
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("login"))
    # Opening a page is safe: only POSTs change the record.
    assert _snapshot() == before
    response = as_alice.post(url, {})
    assert response.status_code not in (404, 500), response.status_code


@pytest.fixture
def as_practice_owner(client, practice):
    user = make_therapist(practice, "olivia", "Olivia", "Grant")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


@pytest.fixture
def as_front_desk(client, practice):
    user = make_therapist(practice, "frank", "Frank", "Desk", designation="")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.FRONT_DESK)
    client.force_login(user)
    return client


@pytest.fixture
def as_other_practice_owner(client, db):
    user = make_therapist(PracticeFactory(name="Elsewhere"), "oscar", "Oscar", "Far")
    Therapist.objects.filter(user=user).update(role=Therapist.Role.OWNER)
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", SWEPT)
def test_practice_owner_opens_every_page_of_the_practice(as_practice_owner, request, name):
    url = _url(request, name)
    before = _snapshot()
    response = as_practice_owner.get(url)
    assert response.status_code in (200, 302, 405), response.status_code
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("login"))
    assert _snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_front_desk_sees_contact_details_and_links_but_nothing_clinical(
    as_front_desk, request, name
):
    url = _url(request, name)
    before = _snapshot()
    response = as_front_desk.get(url)
    if name in FRONT_DESK_OPENS:
        assert response.status_code in (200, 302, 405), response.status_code
        assert "Apixaban" not in response.content.decode()  # a medication: health history
        return
    if name in FRONT_DESK_REFUSED:
        assert response.status_code == 403
        return
    _assert_turned_away(response, url, allow_login=False)
    _assert_turned_away(as_front_desk.post(url, HOSTILE_POST), url, allow_login=False)
    assert _snapshot() == before


@pytest.mark.parametrize("name", SWEPT)
def test_another_practices_owner_sees_nothing_of_this_practice(
    as_other_practice_owner, request, name
):
    url = _url(request, name)
    before = _snapshot()
    for method in ("get", "post"):
        response = getattr(as_other_practice_owner, method)(url, HOSTILE_POST)
        if OBJECTS[name] is None:
            # Their own practice's page; a 400 is their own form refusing the hostile post.
            assert response.status_code in (200, 302, 400), response.status_code
            _assert_no_alice_data(response)
        else:
            _assert_turned_away(response, url, allow_login=False)
    assert _snapshot() == before


def test_client_search_finds_only_ones_own(client, alice, bob, alice_client):
    detail = reverse("dashboard:client-detail", args=[alice_client.pk])
    search = reverse("clients:client-list") + "?q=N%C3%BA%C3%B1ez"  # the query is echoed back
    client.force_login(alice)
    assert detail in client.get(search).content.decode()
    client.force_login(bob)
    page = client.get(search).content.decode()
    assert detail not in page
    assert "Zoë" not in page


@pytest.mark.parametrize(
    "route", ["intake:form", "intake:thanks", ("intake:form-section", "about")]
)
def test_a_wrong_intake_link_is_a_404_that_names_no_one(client, alice_client, route):
    _, token = make_link(alice_client)
    make_submitted_intake(alice_client, {})  # a used link exists too
    wrong = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    name, *section = route if isinstance(route, tuple) else (route,)
    kwargs = {"token": wrong, **({"section": section[0]} if section else {})}
    url = reverse(name, kwargs=kwargs)
    before = _snapshot()
    for response in (client.get(url), client.post(url, {"first_name": "X"})):
        assert response.status_code in (404, 405)  # 405: a page that is never posted to
        _assert_no_alice_data(response)
        assert "Zoë" not in response.content.decode()
    assert _snapshot() == before


@pytest.mark.slow
def test_every_link_on_alices_pages_opens(as_alice, alice, alice_client):
    """Follow every link from the dashboard on a busy day: each opens a page (or a PDF).

    Catches a link to a POST-only action (a blank 405) or to an object in the wrong state.
    """
    practice_day(alice, alice_client)
    todo, seen = [reverse("dashboard:dashboard"), reverse("clients:client-list")], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = as_alice.get(url)
        assert response.status_code in (200, 403), f"{url}: {response.status_code}"
        if response["Content-Type"].startswith("text/html"):
            for href in re.findall(r'<a\b[^>]*\shref="(/[^"#]*)', response.content.decode()):
                href = href.replace("&amp;", "&")
                try:
                    resolve(href.split("?")[0])
                except Resolver404:
                    continue  # static files
                if not href.startswith(("/admin/", "/logout/", "/intake/f/")):
                    todo.append(href)
    assert len(seen) > 30  # the crawl really went through the practice


# --- Every page again, with a busy day's real records of Alice's clients, for every role ---
# The sweep above gives each URL one fixture object; here a whole practice day is in place
# (intakes of every tier, notes with pain scores, letters drafted and sent), so a list or a
# panel that leaks shows something. The front desk, and Alice once the owner has demoted her
# to the front desk, must see no clinical word on any page they can open.

DAY_OBJECTS = {
    "alice_client": lambda day: day.zoe,
    "screened_client": lambda day: day.zoe,
    # A client with a clear screening: the owner may start a note for them.
    "submitted_intake": lambda day: Intake.objects.get(client__last_name="Reyes"),
    "open_link": lambda day: make_link(day.caution_client)[0],
    "note": lambda day: SessionNote.objects.filter(client=day.caution_client).get(),
    "signed_note": lambda day: day.signed_note,
    "draft": lambda day: day.draft_letter,
    "final": lambda day: day.sent_letter,
    "sent": lambda day: day.sent_letter,
    "alice": lambda day: day.zoe.therapist,
    "appointment": lambda day: _appointment_of(day.zoe),
    "appointment_type": lambda day: _appointment_type_of(day.zoe.therapist.therapist.practice),
    "working_hours_rule": lambda day: _working_hours_of(day.zoe.therapist),
    "time_off": lambda day: _time_off_of(day.zoe.therapist),
}
DAY_CLIENT_NAMES = ("Núñez", "Okafor", "Lindqvist", "Sato", "Reyes")
# Words of a client's health on the pages: the rulebook (the same for everyone, naming no
# client) is the one page the front desk opens that is all clinical words by design.
RULEBOOK = "intake:rulebook"


def _clinical_words():
    """What the day's records say about health: every flag's reason, the tiers, a medicine,
    the complaint and the note's words."""
    from intake.models import Screening
    from screening.tiers import CLEAR, EMERGENCY, TIER_LABELS

    # "Clear" and "Emergency" are also plain words of contact pages (an emergency contact).
    words = {label for tier, label in TIER_LABELS.items() if tier not in (CLEAR, EMERGENCY)}
    for screening in Screening.objects.all():
        words.update(flag["reason"][:40] for flag in screening.flags if flag.get("reason"))
    words.update(("Apixaban", "wakes me up at night", "after gardening", "Dull ache"))
    return sorted(words)


PAIN_SCORE = re.compile(r"\bpain\s*\d", re.IGNORECASE)


def _assert_nothing_clinical(response, url, words):
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    shown = [word for word in words if word in text]
    assert not shown, f"{url} shows clinical words to the front desk: {shown}"
    assert not PAIN_SCORE.search(text), f"{url} shows a pain score to the front desk"


def _day_url(name, day, objects):
    entry = OBJECTS[name]
    if entry is None:
        return reverse(name)
    fixture, kwargs = entry
    if fixture not in objects:
        objects[fixture] = DAY_OBJECTS[fixture](day)
    return reverse(name, kwargs=kwargs(objects[fixture]))


def _demote(practice, member, role=Therapist.Role.FRONT_DESK):
    """The owner changes `member`'s role on the Staff page, as in the app."""
    from django.test import Client as Browser

    owner = make_therapist(practice, "olga", "Olga", "Lead")
    Therapist.objects.filter(user=owner).update(role=Therapist.Role.OWNER)
    browser = Browser()
    browser.force_login(owner)
    response = browser.post(reverse("records:staff-role", args=[member.pk]), {"role": role})
    assert response.status_code == 302
    assert Therapist.objects.get(user=member).role == role


SWEEP_ROLES = {
    "therapist": Therapist.Role.THERAPIST,
    "practice_owner": Therapist.Role.OWNER,
    "front_desk": Therapist.Role.FRONT_DESK,
}
ROLES = (*SWEEP_ROLES, "demoted_therapist")


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_every_page_with_a_busy_day_of_another_therapists_clients(
    client, practice, alice, alice_client, role
):
    day = practice_day(alice, alice_client)
    words = _clinical_words()
    if role == "demoted_therapist":
        # Alice signs in as a therapist and sees her day; the owner then makes her the front
        # desk. Her next request, in the same session, is the front desk's.
        client.force_login(alice)
        before = client.get(reverse("dashboard:dashboard")).content.decode()
        assert any(word in before for word in words) and PAIN_SCORE.search(before)
        _demote(practice, alice)
    else:
        user = make_therapist(practice, f"sweep-{role}", "Sam", "Sweep", designation="")
        Therapist.objects.filter(user=user).update(role=SWEEP_ROLES[role])
        client.force_login(user)
    desk = role in ("front_desk", "demoted_therapist")
    objects, opened = {}, []
    for name in SWEPT:
        url = _day_url(name, day, objects)
        response = client.get(url)
        status = response.status_code
        if role == "practice_owner" or (role == "therapist" and OBJECTS[name] is None):
            allowed = (200, 302, 405) if name not in OWNER_ONLY or role != "therapist" else (404,)
            assert status in allowed, f"{url}: {status}"
        elif desk and name in FRONT_DESK_OPENS:
            assert status in (200, 302, 405), f"{url}: {status}"
        elif desk and name in FRONT_DESK_REFUSED:
            assert status == 403, f"{url}: {status}"
        else:
            assert status in (404, 405), f"{url}: {status}"
        if role == "therapist":
            body = response.content.decode() if not response.streaming else ""
            assert not [n for n in DAY_CLIENT_NAMES if n in body], url
        if desk and name != RULEBOOK:
            _assert_nothing_clinical(response, url, words)
        if status in (200, 302):
            opened.append((name, url))
    assert len(opened) > (30 if role == "practice_owner" else 5)
    # A form posted on every page the user opens answers a page, never a server error (the
    # intake link page was a 500 for the owner and the front desk).
    for name, url in opened:
        response = client.post(url, HOSTILE_POST)
        assert response.status_code < 500, f"POST {url}: {response.status_code}"
        if desk and name != RULEBOOK:
            _assert_nothing_clinical(response, url, words)
