"""The staff rulebook page: every screening rule in words, grouped by tier, for review."""

from django.urls import reverse
from django.utils.html import escape

from screening.rules import RULES, RULES_VERSION
from screening.tiers import CAUTION, EMERGENCY, REFER


def rulebook_page(as_user):
    response = as_user.get(reverse("intake:rulebook"))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_log_in(client):
    url = reverse("intake:rulebook")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_a_therapist_sees_every_rule_its_source_and_the_rules_version(as_alice):
    html = rulebook_page(as_alice)
    assert f"Rules version {RULES_VERSION}" in html
    for rule in RULES:
        assert f"<code>{rule.id}</code>" in html
        assert escape(rule.source) in html
        assert escape(rule.reason) in html
        assert escape(rule.physician_sentence) in html


def test_each_rule_says_in_words_when_it_fires(as_alice):
    html = rulebook_page(as_alice)
    for rule in RULES:
        assert escape(rule.trigger) in html
    radicular = html[
        html.index("<code>radicular_pain</code>") : html.index("<code>anticoagulation")
    ]
    assert "not answered yes to both_legs_symptoms" in radicular
    assert "Gentle work only; no deep pressure along the nerve (sciatica)." in radicular
    dvt = html[html.index("<code>possible_dvt</code>") : html.index("<code>fever_infection")]
    assert "Also, if answered yes to breathless or chest_pain" in dvt


def test_rules_are_grouped_by_tier_most_urgent_first(as_alice):
    html = rulebook_page(as_alice)
    emergency = html.index(f'id="tier-{EMERGENCY}"')
    refer = html.index(f'id="tier-{REFER}"')
    caution = html.index(f'id="tier-{CAUTION}"')
    assert emergency < refer < caution
    assert emergency < html.index("<code>saddle_numbness</code>") < refer
    assert refer < html.index("<code>cancer_history</code>") < caution
    assert caution < html.index("<code>allergies</code>")


def test_the_staff_navigation_links_to_the_rulebook(as_alice):
    html = as_alice.get(reverse("dashboard:dashboard")).content.decode()
    assert f'href="{reverse("intake:rulebook")}"' in html
