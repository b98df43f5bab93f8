"""Demo session notes: a pain history worth charting, a draft for today, an amendment, PSFS."""

import datetime

from django.db import transaction
from django.utils import timezone

from clients.models import Client
from notes.complaint_map import load_map
from notes.models import Complaint, NoteAmendment, SelfCareItem, SessionNote, Technique

# last name -> (complaints, techniques, self-care, weeks between sessions,
#               [(pain before, pain after, PSFS scores or None), ...], PSFS activities)
SESSION_HISTORIES = {
    "demo": {
        "Núñez": (
            ["quadratus_lumborum", "gluteus_medius"],
            ["neuromuscular_therapy", "muscle_energy_technique", "trigger_point_gentle"],
            ["side_bend_stretch", "heat", "clamshells"],
            1,
            [
                (7, 4, (3, 4, 5)),
                (7, 4, None),
                (6, 3, (5, 5, 6)),
                (5, 2, None),
                (4, 2, None),
                (3, 1, (8, 7, 8)),
            ],
            ("Sitting at my desk for an hour", "Lifting my toddler", "Getting out of the car"),
        ),
        "Grant": (
            ["piriformis", "sciatic_nerve"],
            ["glute_massage", "myofascial_release", "muscle_energy_technique"],
            ["piriformis_stretch", "heat", "nerve_sliders"],
            2,
            [
                (8, 5, (2, 3, 4)),
                (7, 5, (3, 4, 4)),
                (6, 4, (5, 5, 5)),
                (5, 3, (6, 6, 7)),
                (3, 2, (8, 7, 8)),
            ],
            ("Driving for 30 minutes", "Running 5 km", "Sleeping on my side"),
        ),
        "Raman": (
            ["hamstrings"],
            ["stretching_gentle", "muscle_energy_technique", "deep_tissue"],
            ["hamstring_stretch", "yoga_pilates"],
            1,
            [(5, 3, None), (5, 2, None), (4, 2, None), (3, 1, None)],
            (),
        ),
    },
    "demo2": {
        "Johnson": (
            ["erector_spinae", "quadratus_lumborum"],
            ["myofascial_release", "neuromuscular_therapy"],
            ["back_extensions", "core_strengthening"],
            1,
            [(6, 4, None), (5, 3, None), (4, 2, None), (4, 2, None)],
            (),
        ),
    },
}


@transaction.atomic
def seed_session_notes(user):
    """Signed notes with falling pain for a few clients, an amendment, and a draft for today."""
    load_map(Complaint, Technique, SelfCareItem)  # in case the tables were emptied
    today = timezone.localdate()
    for last_name, history in SESSION_HISTORIES.get(user.username, {}).items():
        client = Client.objects.filter(therapist=user, last_name=last_name).first()
        if client is None:
            continue
        complaints, techniques, self_care, weeks, sessions, activities = history
        first_day = today - datetime.timedelta(weeks=weeks * len(sessions))
        for index, (before, after, psfs) in enumerate(sessions):
            day = first_day + datetime.timedelta(weeks=weeks * index)
            psfs_fields = {}
            for number, activity in enumerate(activities, start=1):
                psfs_fields[f"psfs_activity_{number}"] = activity if psfs else ""
                psfs_fields[f"psfs_score_{number}"] = psfs[number - 1] if psfs else None
            note, _ = SessionNote.objects.update_or_create(
                client=client,
                session_date=day,
                defaults={
                    "therapist": user,
                    "duration_minutes": 60,
                    "subjective": f"Pain {before}/10 this week. "
                    + ("Worse after long sitting." if index < 2 else "Easier than last time."),
                    "pain_before": before,
                    "findings": "Hypertonic and tender on palpation, more on the right.",
                    "pressure": "moderate",
                    "assessment": "Responding well; range of motion improving.",
                    "plan": "Continue weekly; progress self-care as pain eases.",
                    "pain_after": after,
                    "signed_at": timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(18, 0))
                    ),
                    "signed_by": user,
                    **psfs_fields,
                },
            )
            note.complaints.set(complaints)
            note.techniques.set(techniques)
            note.self_care.set(self_care)
            if index == 1:
                NoteAmendment.objects.get_or_create(
                    note=note,
                    reason="Client called the next day with an update",
                    defaults={
                        "text": "Client reports the ache eased overnight and did not return "
                        "while sitting at work the next day.",
                        "author": user,
                    },
                )
        if last_name == "Raman":
            # Today's session, still a draft: it shows on the dashboard.
            draft, _ = SessionNote.objects.update_or_create(
                client=client,
                session_date=today,
                defaults={
                    "therapist": user,
                    "duration_minutes": 45,
                    "subjective": "Hamstrings tight after a long run on Sunday.",
                    "pain_before": 3,
                    "pain_after": 1,
                    "pressure": "moderate",
                    "signed_at": None,
                    "signed_by": None,
                },
            )
            draft.complaints.set(["hamstrings"])
            draft.techniques.set(["stretching_gentle", "muscle_energy_technique"])
            draft.self_care.set(["hamstring_stretch"])
