# A migration of its own: PostgreSQL refuses to alter a table in the transaction that just
# wrote rows pointing at it (0003).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_letter_reply"),
    ]

    operations = [
        migrations.RemoveField(model_name="clearance", name="letter"),
    ]
