"""What every staff page costs before it does anything: the session, the user with their
staff profile and practice (one query, accounts.backends.StaffBackend), the two-factor
device. The session is written only when it needs renewing (accounts.sessions)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def tables_read(captured):
    return [q["sql"].split(" FROM ", 1)[1].split()[0] for q in captured if " FROM " in q["sql"]]


def test_a_staff_page_reads_the_user_with_their_profile_and_practice(as_alice, practice):
    as_alice.get(reverse("clients:client-list"))  # the session's first renewal
    with CaptureQueriesContext(connection) as captured:
        response = as_alice.get(reverse("clients:client-list"))
    assert practice.name in response.content.decode()  # the header's practice name
    read = tables_read(captured)
    assert read.count('"auth_user"') == 1
    assert '"clients_therapist"' not in read  # joined to the user, not read on its own
    assert '"clients_practice"' not in read
