from django.core.management import call_command

from referrals.models import ReferralLetter


def test_seed_demo_adds_a_sent_letter_and_a_draft_once(db, tmp_path):
    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-123")
    letters = ReferralLetter.objects.order_by("client__last_name")
    assert [(letter.client.full_name, letter.status) for letter in letters] == [
        ("Henrik Larsen", "sent"),
        ("Tomás O'Brien", "draft"),
    ]
    sent = letters[0]
    assert sent.pdf_bytes().startswith(b"%PDF") and len(sent.pdf_sha256) == 64
    assert sent.is_overdue
    assert sent.screening.tier == "refer"
