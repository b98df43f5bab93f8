"""A returning client's questionnaire starts from their last answers.

Contact details, the physician, preferences, other conditions, allergies and medicines are
filled in from the client's latest submitted intake, for them to check and change; the
complaint, consent and every screening question are asked afresh (a red flag is about now).
"""

from clients.models import Client
from screening.questions import BOOL, DATE, QUESTIONS

# What the record keeps of the client's own answers, less the name (the link's client) and the
# consent to write to the physician (asked afresh), with the preferences and sex at birth.
CARRIED_OVER = (
    frozenset(Client.SELF_REPORTED_FIELDS)
    - {"first_name", "last_name", "consent_contact_physician"}
) | {"sex_at_birth", "pressure_preference", "areas_to_avoid", "areas_to_avoid_notes"}


def last_answers(intake):
    """The answers of the client's latest submitted intake before this one, or {}."""
    previous = (
        intake.client.intakes.filter(submitted_at__isnull=False)
        .exclude(pk=intake.pk)
        .order_by("-submitted_at", "-pk")
        .values_list("answers", "submitted_at")
        .first()
    )
    return {"answers": previous[0] or {}, "submitted_at": previous[1]} if previous else {}


def initial_from(answers, question_ids):
    """Form initial values for the carried-over questions among `question_ids`, as the
    questionnaire's fields take them."""
    initial = {}
    for question_id in question_ids:
        value = answers.get(question_id)
        if question_id not in CARRIED_OVER or value in (None, "", []):
            continue
        question = QUESTIONS[question_id]
        if question.type == BOOL:
            value = "yes" if value else "no"
        elif question.type == DATE:
            value = str(value)
        initial[question_id] = value
    return initial
