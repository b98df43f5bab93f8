"""A returning client's questionnaire starts from their last answers.

Contact details, the physician, preferences, other conditions, allergies and medicines are
filled in from the client's latest submitted intake, for them to check and change; the
complaint, consent and every screening question are asked afresh (a red flag is about now).
"""

from screening.questions import BOOL, DATE, QUESTIONS

CARRIED_OVER = frozenset(
    {
        "preferred_name",
        "date_of_birth",
        "sex_at_birth",
        "email",
        "phone",
        "emergency_contact_name",
        "emergency_contact_phone",
        "physician_name",
        "physician_practice",
        "physician_address",
        "physician_phone",
        "physician_email",
        "pressure_preference",
        "areas_to_avoid",
        "areas_to_avoid_notes",
        "medications",
        "conditions",
        "allergies",
    }
)


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
