"""No health detail in an email: the words that would give one away.

Email is not a private channel, so every message the practice sends on its own says only who,
when, where and a link. Each app's message tests run their subject, body and attachments
through `health_words_in`.
"""

import re

# Word stems, matched at the start of a word: "pain" catches "painful", "medic" "medication".
HEALTH_STEMS = (
    "pain",
    "ache",
    "injur",
    "flag",
    "screening",
    "tier",
    "emergenc",
    "refer",
    "physician",
    "doctor",
    "medic",
    "prescri",
    "drug",
    "condition",
    "diagnos",
    "symptom",
    "pregnan",
    "cancer",
    "tumo",
    "blood",
    "heart",
    "cardi",
    "stroke",
    "numb",
    "dizz",
    "fractur",
    "surger",
    "allerg",
    "clearance",
    "caution",
    "soap",
    "complaint",
    "diabet",
    "anticoag",
    "warfarin",
)
_PATTERN = re.compile(r"\b(" + "|".join(HEALTH_STEMS) + r")\w*", re.IGNORECASE)


def health_words_in(text):
    """The health words found in `text` (bytes are read as UTF-8), in order; [] when clean."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return [match.group(0) for match in _PATTERN.finditer(text or "")]


def health_words_in_email(email):
    """Every health word in a sent EmailMessage: subject, body, alternatives, attachments."""
    parts = [email.subject, email.body]
    parts += [content for content, _ in getattr(email, "alternatives", [])]
    parts += [attachment[1] for attachment in email.attachments]
    return [word for part in parts for word in health_words_in(part)]
