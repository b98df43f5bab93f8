"""The project's own packages, written once.

Bottom to top: a package may import only the ones before it (tests/test_architecture.py).
settings.INSTALLED_APPS takes the Django apps from here; packaging finds every package by
exclusion (setup.py) and ruff finds them as first-party from the source root, so a new app is
added here and nowhere else. A plain module, not config/apps.py: settings imports it before
Django is set up.
"""

# screening/ is the red-flag engine, pure functions over answers that every clinical app reads.
# printing/ is a shared utility (WeasyPrint rendering) and accounts/ staff sign-in; neither
# knows a clinical app. audit/ records events about any record, so every app above can call it.
LAYERS = [
    "screening",
    "printing",
    "accounts",
    "audit",
    "messaging",
    "clients",
    "intake",
    "clearance",
    "schedule",
    "notes",
    "referrals",
    "dashboard",
    "records",
]

# printing/ is a library: no models, templates or commands, so not a Django app.
LIBRARIES = ["printing"]

PROJECT_APPS = [name for name in LAYERS if name not in LIBRARIES]
