"""Helpers for the client's side of the intake: open links, the form's URLs and a full set of
answers typed into every section."""

from django.urls import reverse
from django.utils import timezone

from intake.models import DEFAULT_LINK_LIFETIME, Intake, hash_token
from screening.questions import (
    SCREENING_SECTION_IDS,
    SECTIONS,
    is_screening_question,
    questions_in_section,
)

SECTION_IDS = [section.id for section in SECTIONS]


def make_link(client, *, expires_in=DEFAULT_LINK_LIFETIME):
    """A new intake link for `client`, made the way the therapist's side makes one."""
    token = Intake.new_token()
    intake = Intake.objects.create(
        client=client,
        therapist=client.therapist,
        token_hash=hash_token(token),
        expires_at=timezone.now() + expires_in,
    )
    return intake, token


def form_url(token, section=None):
    if section is None:
        return reverse("intake:form", kwargs={"token": token})
    return reverse("intake:form-section", kwargs={"token": token, "section": section})


def valid_post(**changes):
    """What a client types in every section to reach a clear screening: section -> POST data."""
    data = {
        "about": {
            "first_name": "Zoë",
            "last_name": "Núñez",
            "preferred_name": "Zo",
            "date_of_birth": "1986-03-14",
            "email": "zoe.new@example.com",
            "phone": "+1 555 010 4040",
            "emergency_contact_name": "Ana Núñez",
            "emergency_contact_phone": "+1 555 010 5050",
            "physician_name": "Dr. Omar Reyes",
            "physician_practice": "Harbour Health Centre",
            "physician_address": "2 Dock Road\nPort Town",
            "physician_phone": "+1 555 010 6060",
            "physician_email": "reception@harbourhealth.example",
            "consent_contact_physician": "yes",
        },
        "complaint": {
            "main_complaint": "Stiff lower back after long days at my desk.",
            "pain_areas": ["lower_back_left", "lower_back_right"],
            "pain_now": "4",
            "pain_worst_week": "6",
            "pain_duration": "6_to_12_weeks",
            "first_episode": "no",
            "pain_onset": "gradual",
            "goals": "Sit through a workday.",
        },
        "massage": {
            "massage_before": "yes",
            "pressure_preference": "medium",
            "areas_to_avoid": ["foot_left", "foot_right"],
            "areas_to_avoid_notes": "Ticklish feet.",
        },
        **{
            page: {q.id: "no" for q in questions_in_section(page) if is_screening_question(q.id)}
            for page in SCREENING_SECTION_IDS
        },
        "history": {
            "conditions": "Asthma as a child",
            "allergies": "Penicillin",
        },
        "consent": {"consent_treatment": "yes", "signature_name": "zoë  núñez"},
    }
    data["medicines"]["medications"] = "Ibuprofen 200 mg when needed"
    for key, value in changes.items():
        section = next(s for s in SECTION_IDS if key in {q.id for q in questions_in_section(s)})
        if value is None:
            data[section].pop(key, None)
        else:
            data[section][key] = value
    return data


def fill_in(client, token, answers, sections=SECTION_IDS):
    """Post each section as the client's browser would; returns the last response."""
    response = None
    for section in sections:
        response = client.post(form_url(token, section), answers[section])
    return response
