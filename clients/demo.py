"""Demo data: a practice, two therapists with a dozen realistic clients each, its owner and
its front desk.

Every function is idempotent: running the seed twice leaves one copy of everything.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from clients.models import Client, Practice, Therapist, normalise_for_search

PRACTICE = {
    "name": "Riverside Massage Therapy",
    "address": "12 Mill Lane\nRiverside\nRV1 4QT",
    "phone": "+1 555 010 4400",
    "email": "hello@riverside-massage.example",
    "website": "https://riverside-massage.example",
}

THERAPISTS = [
    {
        "username": "demo",
        "first_name": "Maya",
        "last_name": "Chen",
        "email": "maya@riverside-massage.example",
        "designation": "RMT",
        "licence_number": "RMT-20431",
    },
    {
        "username": "demo2",
        "first_name": "Daniel",
        "last_name": "Okafor",
        "email": "daniel@riverside-massage.example",
        "designation": "LMT",
        "licence_number": "LMT-88217",
    },
]

# The practice's other roles: each login shows what that role's day looks like.
STAFF = [
    {
        "username": "owner",
        "first_name": "Ruth",
        "last_name": "Adeyemi",
        "email": "ruth@riverside-massage.example",
        "designation": "RMT",
        "licence_number": "RMT-10077",
        "role": Therapist.Role.OWNER,
    },
    {
        "username": "desk",
        "first_name": "Sam",
        "last_name": "Rivera",
        "email": "desk@riverside-massage.example",
        "designation": "",
        "licence_number": "",
        "role": Therapist.Role.FRONT_DESK,
    },
]

PHYSICIANS = [
    (
        "Dr. Helen Park",
        "Riverside Family Practice",
        "40 Station Road\nRiverside\nRV1 2AB",
        "+1 555 010 7000",
        "reception@riversidefp.example",
    ),
    (
        "Dr. Samuel Adeyemi",
        "Northgate Medical Centre",
        "3 Northgate\nRiverside\nRV2 9CD",
        "+1 555 010 7300",
        "admin@northgate-mc.example",
    ),
    (
        "Dr. Lucía Fernández",
        "Old Town Health",
        "88 High Street\nRiverside\nRV1 1EF",
        "+1 555 010 7600",
        "frontdesk@oldtownhealth.example",
    ),
]

# first, last, date of birth, phone, medications, conditions, allergies
CLIENTS = {
    "demo": [
        ("Zoë", "Núñez", "1986-03-14", "+1 555 010 2030", "", "Desk worker; low back ache", ""),
        (
            "James",
            "Whitfield",
            "1958-11-02",
            "+1 555 010 2031",
            "Warfarin 5 mg",
            "Atrial fibrillation",
            "",
        ),
        (
            "Priya",
            "Raman",
            "1992-07-21",
            "+1 555 010 2032",
            "",
            "Runner; tight hamstrings",
            "Nut oils",
        ),
        ("Wei", "王", "1979-01-30", "+1 555 010 2033", "", "Sciatica 2023", ""),
        ("عائشة", "Haddad", "1995-05-05", "+1 555 010 2034", "", "", "Latex"),
        ("Tomás", "O'Brien", "1969-09-09", "+1 555 010 2035", "Alendronate", "Osteoporosis", ""),
        ("Grace", "Liu", "2001-12-12", "+1 555 010 2036", "", "Pregnant, 22 weeks", ""),
        ("Henrik", "Larsen", "1963-04-18", "+1 555 010 2037", "", "Breast cancer 2019", ""),
        ("Fatima", "Bello", "1988-08-08", "+1 555 010 2038", "", "", ""),
        (
            "Oliver",
            "Grant",
            "1974-02-27",
            "+1 555 010 2039",
            "Ibuprofen as needed",
            "Piriformis syndrome",
            "",
        ),
        ("Sofia", "Rossi", "1990-10-10", "+1 555 010 2040", "", "Hip bursitis", ""),
        ("Hannah", "Okafor", "1981-05-23", "+1 555 010 2042", "", "", ""),
        (
            "Noah",
            "Williams",
            "2005-06-15",
            "+1 555 010 2041",
            "",
            "Football; hip flexor strain",
            "",
        ),
    ],
    "demo2": [
        ("Elena", "Petrova", "1971-03-03", "+1 555 020 3001", "", "Neck and shoulder tension", ""),
        ("Marcus", "Johnson", "1983-12-01", "+1 555 020 3002", "", "Low back pain", ""),
        ("Yuki", "Tanaka", "1998-02-14", "+1 555 020 3003", "", "", "Lavender oil"),
        ("Ahmed", "Karimi", "1966-07-07", "+1 555 020 3004", "Prednisolone", "Asthma", ""),
        ("Chloe", "Dubois", "1993-09-19", "+1 555 020 3005", "", "", ""),
        ("Liam", "Murphy", "1955-05-25", "+1 555 020 3006", "", "Hip replacement 2024", ""),
        ("Ana", "Silva", "1987-11-11", "+1 555 020 3007", "", "Migraine", ""),
        ("Ben", "Carter", "1979-06-06", "+1 555 020 3008", "", "", ""),
        ("Ingrid", "Berg", "1960-01-20", "+1 555 020 3009", "", "Osteoarthritis", ""),
        ("Kofi", "Mensah", "1990-04-04", "+1 555 020 3010", "", "", ""),
        ("Mei", "Lin", "2000-08-30", "+1 555 020 3011", "", "Scoliosis", ""),
        ("Raúl", "Ortega", "1975-10-31", "+1 555 020 3012", "", "Hamstring strain", ""),
    ],
}


def _email_for(first, last):
    folded = normalise_for_search(f"{first}.{last}")
    local = "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch == "."))
    return f"{local.strip('.') or 'client'}@example.com"


@transaction.atomic
def seed_practice_and_therapists(password):
    """Create or update the demo practice and its two therapists; return the users."""
    practice, _ = Practice.objects.update_or_create(name=PRACTICE["name"], defaults=PRACTICE)
    return [_seed_login(practice, spec, password) for spec in THERAPISTS]


@transaction.atomic
def seed_staff(password):
    """Create or update the demo practice's owner and front desk (after
    seed_practice_and_therapists); return the users."""
    practice = Practice.objects.get(name=PRACTICE["name"])
    return [_seed_login(practice, spec, password) for spec in STAFF]


def _seed_login(practice, spec, password):
    """One staff login of the demo practice, its password and its role reset to the demo's."""
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": spec["email"],
            "is_active": True,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    Therapist.objects.update_or_create(
        user=user,
        defaults={
            "practice": practice,
            "designation": spec["designation"],
            "licence_number": spec["licence_number"],
            # A role changed while trying the demo comes back with the next seed.
            "role": spec.get("role", Therapist.Role.THERAPIST),
        },
    )
    return user


@transaction.atomic
def seed_clients(user):
    """A dozen clients for one demo therapist, keyed by name so re-seeding updates them."""
    for index, (first, last, dob, phone, meds, conditions, allergies) in enumerate(
        CLIENTS[user.username]
    ):
        physician = PHYSICIANS[index % len(PHYSICIANS)]
        Client.objects.update_or_create(
            therapist=user,
            first_name=first,
            last_name=last,
            defaults={
                "date_of_birth": datetime.date.fromisoformat(dob),
                "email": _email_for(first, last),
                "phone": phone,
                "address": f"{10 + index} Orchard Way\nRiverside",
                "emergency_contact_name": "Sam " + last,
                "emergency_contact_phone": "+1 555 030 " + str(4000 + index),
                "physician_name": physician[0],
                "physician_practice": physician[1],
                "physician_address": physician[2],
                "physician_phone": physician[3],
                "physician_email": physician[4],
                "consent_contact_physician": index % 4 != 3,
                "medications": meds,
                "conditions": conditions,
                "allergies": allergies,
            },
        )
