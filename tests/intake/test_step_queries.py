"""Each step of the client's form is a few statements, whatever the step: saving a page reads
its link's row locked, writes it in one UPDATE (first opened, last active, the page and the
pages done together) and records it in the audit trail. Sending the form adds the submission's
writes. Counted so that a change adding a statement to every step shows here first."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.intake.questionnaire import SECTION_IDS, form_url, valid_post

# Statements of one step's POST (transaction control left out: the test's savepoints).
STEP_STATEMENTS = 3  # the locked read, the UPDATE, the audit trail's row
# The last step: the locked read (the link, its client and therapist), the submission, its
# screening, the record's details, the care hold, the therapist's email, the session and
# their audit rows.
SUBMIT_STATEMENTS = 12


def _statements(client, token):
    answers = valid_post()
    counts = {}
    for section in SECTION_IDS:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(form_url(token, section), answers[section])
        assert response.status_code == 302, (section, response.status_code)
        counts[section] = [
            query["sql"]
            for query in captured.captured_queries
            if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
    return counts


def test_each_step_of_the_form_is_saved_in_three_statements(client, link):
    _, token = link
    counts = _statements(client, token)
    for section in SECTION_IDS[:-1]:
        assert len(counts[section]) == STEP_STATEMENTS, (section, counts[section])
    # A posted page shows what was posted: the record's contact details are not read for it.
    assert not any("clients_client" in sql for sql in counts["about"])


def test_sending_the_form_reads_nothing_it_already_locked(client, link):
    _, token = link
    sent = _statements(client, token)[SECTION_IDS[-1]]
    assert len(sent) <= SUBMIT_STATEMENTS, "\n".join(sql[:120] for sql in sent)
    reads = [sql for sql in sent if sql.startswith("SELECT")]
    # The client's row is locked with the link; its old values come from that read.
    assert not any(sql.startswith('SELECT "clients_client"') for sql in reads), reads
    assert not any(sql.startswith('SELECT "auth_user"') for sql in reads), reads


def _owner_reads(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "'owner'" in q["sql"]]


def test_only_the_first_page_reads_the_practices_owners(client, link):
    # The first page's introduction names them; the other pages never show them.
    _, token = link
    assert _owner_reads(client, form_url(token, SECTION_IDS[0]))
    for section in SECTION_IDS[1:]:
        assert not _owner_reads(client, form_url(token, section)), section


def test_the_last_page_reads_the_clients_last_answers_once(client, link):
    # Its review builds every page's form; each page not yet typed in starts from them.
    _, token = link
    with CaptureQueriesContext(connection) as captured:
        assert client.get(form_url(token, SECTION_IDS[-1])).status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if '"answers" AS "answers"' in q["sql"]]
    assert len(reads) == 1, reads


def test_a_page_of_screening_questions_does_not_read_the_last_answers(client, link):
    # Screening questions are asked afresh: nothing on such a page is carried over.
    _, token = link
    for section in ("complaint", "heart", "skin"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(form_url(token, section)).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        assert not any('"answers" AS "answers"' in s for s in sql), section
