from tests.messaging.health_words import health_words_in


def test_a_reminder_with_time_place_and_link_is_clean():
    text = (
        "Harbour Massage Clinic: your appointment is on Tuesday 8 December at 10:00, "
        "1 Quay Street. Change it: https://example.org/a/xyz"
    )
    assert health_words_in(text) == []


def test_health_details_are_caught_whatever_their_case_and_ending():
    assert health_words_in("Your PAIN and the medication you take") == ["PAIN", "medication"]
    assert health_words_in(b"urgent: red flag, see a physician") == ["flag", "physician"]
