"""Recovery codes: shown once at enrolment, kept only as keyed hashes, each good for one sign-in."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django_otp import devices_for_user

from tests.factories import PASSWORD
from tests.security.test_two_factor import enrol, recovery_codes_on


def enrol_and_read_codes(client):
    """Enrol Alice's authenticator; the ten codes as the page shows them, the only time it does."""
    _, response = enrol(client)
    codes = recovery_codes_on(response.content.decode())
    assert len(codes) == 10
    return codes


def sign_in_with(client, code):
    client.post("/logout/")
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    return client.post("/account/two-factor/verify/", {"code": code})


def every_value_in_the_database():
    """Every cell of every table, as text: what a stolen copy of the database holds."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                values.extend(str(value) for value in row if value is not None)
    return "\n".join(values)


def test_the_database_never_holds_a_recovery_code_in_clear(as_alice):
    codes = enrol_and_read_codes(as_alice)
    stored = every_value_in_the_database().lower()
    assert not [code for code in codes if code in stored]


def reset_waits(user):
    """Lift the wait django-otp imposes after a wrong code, as time passing would."""
    for device in devices_for_user(user):
        device.throttle_reset()


def test_each_recovery_code_signs_in_once(client, as_alice, alice):
    codes = enrol_and_read_codes(as_alice)
    first = sign_in_with(client, codes[0].upper())
    assert first.status_code == 302 and client.get("/").status_code == 200
    again = sign_in_with(client, codes[0])
    assert "That code did not work" in again.content.decode()
    assert client.get("/")["Location"].startswith("/account/two-factor/verify/")
    reset_waits(alice)
    second = sign_in_with(client, codes[1])
    assert second.status_code == 302
    assert "8 unused recovery codes" in client.get("/account/two-factor/").content.decode()


def test_a_wrong_recovery_code_is_refused_and_uses_nothing_up(client, as_alice, alice):
    codes = enrol_and_read_codes(as_alice)
    response = sign_in_with(client, "abcdefgh")
    assert "That code did not work" in response.content.decode()
    assert client.get("/")["Location"].startswith("/account/two-factor/verify/")
    reset_waits(alice)
    assert client.post("/account/two-factor/verify/", {"code": codes[0]}).status_code == 302
    assert "9 unused recovery codes" in client.get("/account/two-factor/").content.decode()


def test_codes_still_work_after_the_secret_key_is_rotated(client, as_alice, settings):
    codes = enrol_and_read_codes(as_alice)
    with override_settings(
        SECRET_KEY="a-new-key-for-the-rotation-test-only-0123456789abcdef",
        SECRET_KEY_FALLBACKS=[settings.SECRET_KEY],
    ):
        response = sign_in_with(client, codes[3])
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_codes_printed_before_the_upgrade_still_work_once(client, alice):
    """The upgrade turns clear django-otp static tokens into hashes: printed codes keep working."""
    executor = MigrationExecutor(connection)
    old = executor.migrate([("accounts", None)]).apps
    old.get_model("otp_totp", "TOTPDevice").objects.create(
        user_id=alice.pk, name="Authenticator app", confirmed=True, key="31" * 20
    )
    device = old.get_model("otp_static", "StaticDevice").objects.create(
        user_id=alice.pk, name="Recovery codes", confirmed=True
    )
    printed = ["k7qzt3ab", "mx2r5cde"]
    for code in printed:
        device.token_set.create(token=code)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert not [code for code in printed if code in every_value_in_the_database()]
    assert sign_in_with(client, printed[0]).status_code == 302
    assert client.get("/").status_code == 200
    assert "1 unused recovery code" in client.get("/account/two-factor/").content.decode()
    again = sign_in_with(client, printed[0])
    assert "That code did not work" in again.content.decode()
    reset_waits(alice)
    assert sign_in_with(client, printed[1]).status_code == 302
