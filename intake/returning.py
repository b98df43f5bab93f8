"""A returning client's questionnaire starts from their last answers.

Contact details, the physician, preferences, other conditions, allergies and medicines are
filled in from the client's latest submitted intake, for them to check and change; the
complaint, consent and every screening question are asked afresh (a red flag is about now).

The health update (a returning client's short form) shows the same carried-over answers on one
page to confirm or change, and asks every screening question afresh: see
docs/clinical/health-update.md.
"""

from dataclasses import dataclass

from clients.models import Client
from screening.answer_types import answer_type
from screening.questions import QUESTIONS, Section

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
        initial[question_id] = answer_type(question).as_typed(question, value)
    return initial


# --- The health update (Intake.kind "update") -------------------------------------------

# Its first page: what is on file, a group at a time, each answered "No changes" or "Change".
CHANGES = "changes"
CHANGES_SECTION = Section(
    CHANGES,
    "Anything changed?",
    "This is what you told us last time. For each part, choose No changes, or Change to "
    "correct it.",
)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    questions: tuple[str, ...]

    @property
    def choice_name(self):
        return f"{self.id}_changed"


UPDATE_GROUPS = (
    Group(
        "contact",
        "Your contact details",
        (
            "preferred_name",
            "email",
            "phone",
            "emergency_contact_name",
            "emergency_contact_phone",
        ),
    ),
    Group(
        "physician",
        "Your family doctor",
        (
            "physician_name",
            "physician_practice",
            "physician_address",
            "physician_phone",
            "physician_email",
        ),
    ),
    Group("medicines", "Medicines you take", ("medications",)),
    Group("conditions", "Other health conditions", ("conditions",)),
    Group("allergies", "Allergies", ("allergies",)),
)
# Asked afresh on the same page, optional: what this visit is for.
UPDATE_VISIT_QUESTION = "main_complaint"
# Shown on the changes page, so not again on the medicines page of the update.
ON_CHANGES_PAGE = frozenset(q for group in UPDATE_GROUPS for q in group.questions)
# Kept from the last answers without asking: who they are and how they like their massage.
KEPT_SILENTLY = ("sex_at_birth", "pressure_preference", "areas_to_avoid", "areas_to_avoid_notes")


def update_base_answers(intake, previous):
    """The answers a health update keeps without asking: the name and date of birth on the
    record (the signature must match that name), and the preferences of the last answers."""
    client = intake.client
    base = {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": (
            client.date_of_birth.isoformat()
            if client.date_of_birth
            else previous.get("date_of_birth")
        ),
    }
    base |= {key: previous[key] for key in KEPT_SILENTLY if previous.get(key) not in (None, "")}
    return {key: value for key, value in base.items() if value not in (None, "", [])}


def update_about(intake, previous):
    """What the screening pages read of "About you" (sex at birth, date of birth), so the
    questions that do not apply to the client are not asked."""
    base = update_base_answers(intake, previous)
    return {key: base[key] for key in ("sex_at_birth", "date_of_birth") if key in base}
