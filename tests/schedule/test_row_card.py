"""A day's or week's appointment card is written in Python (schedule.selectors.Row.html) for
speed: it must write exactly what its template wrote, escaping included, in every case."""

import pytest
from django.template import Context, Template
from django.utils import timezone

from intake.services import intake_link_create
from schedule.selectors import rows_for
from schedule.services import appointment_cancel
from tests.factories import (
    REFER_ANSWERS,
    AppointmentTypeFactory,
    ClientFactory,
    book,
    make_submitted_intake,
    next_weekday,
    open_every_day,
)

# schedule/_row.html as it was when Row.html replaced it.
TEMPLATE = Template(
    """{% with appointment=row.appointment %}
<div class="appt-card card mb-2{% if appointment.status == "cancelled" %} appt-card-cancelled{% endif %}">
  <div class="card-body py-2 px-3">
    <div class="d-flex flex-wrap justify-content-between gap-1">
      <a class="fw-semibold" href="{{ appointment.get_absolute_url }}"><time datetime="{{ appointment.start|date:'c' }}">{{ appointment.start|time:"H:i" }}</time>–{{ appointment.end|time:"H:i" }}</a>
      <span class="badge appt-status appt-{{ appointment.status }}">{{ appointment.get_status_display }}</span>
    </div>
    <div><a href="{{ row.client_url }}">{{ appointment.client.first_name }} {{ appointment.client.last_name }}</a>{% if appointment.client.preferred_name %} <span class="text-body-secondary">({{ appointment.client.preferred_name }})</span>{% endif %}</div>
    <div class="small text-body-secondary">{{ appointment.appointment_type.name }}</div>
    <div class="small">
      <span class="intake-status">Intake: {{ row.intake.label }}{% if row.intake.is_waiting and row.intake.expires_at %}, until {{ row.intake.expires_at|date:"j M" }}{% endif %}</span>
      {% if row.tier %}<span class="badge tier-badge tier-{{ row.tier }} ms-1">{{ row.tier_label }}</span>{% endif %}
    </div>
  </div>
</div>
{% endwith %}
"""  # noqa: E501
)


@pytest.fixture
def appointments(alice, practice):
    open_every_day(alice)
    kind = AppointmentTypeFactory(practice=practice, name="Deep <tissue> & more")
    plain = ClientFactory(therapist=alice, first_name="Ann", last_name="Lee", preferred_name="")
    odd = ClientFactory(
        therapist=alice, first_name="Seán", last_name="O'Brien <b>", preferred_name="Jo & 'J'"
    )
    referred = ClientFactory(therapist=alice, first_name="Rita", last_name="Refer")
    make_submitted_intake(referred, REFER_ANSWERS)
    intake_link_create(therapist=alice, client=plain)  # waiting: "until <date>"
    booked = [
        book(plain, kind, next_weekday(1, at="09:00")),
        book(odd, kind, next_weekday(1, at="11:00")),
        book(referred, kind, next_weekday(1, at="13:00")),
    ]
    appointment_cancel(appointment=booked[1], by=alice)
    return booked


@pytest.mark.parametrize("zone", ["UTC", "America/Toronto", "Asia/Kolkata"])
@pytest.mark.parametrize("clinical", [True, False])
def test_the_card_is_what_its_template_wrote(appointments, zone, clinical):
    from schedule.models import Appointment

    with timezone.override(zone):
        rows = rows_for(
            Appointment.objects.filter(pk__in=[a.pk for a in appointments])
            .select_related("client", "appointment_type")
            .order_by("start"),
            clinical=clinical,
        )
        assert len(rows) == 3
        for row in rows:
            assert row.html == TEMPLATE.render(Context({"row": row}))
    html = "".join(row.html for row in rows)
    # Every branch was written: cancelled, a preferred name, escaping, a waiting link.
    assert "appt-card-cancelled" in html
    assert "(Jo &amp; &#x27;J&#x27;)" in html
    assert "O&#x27;Brien &lt;b&gt;" in html
    assert "Deep &lt;tissue&gt; &amp; more" in html
    assert ", until " in html
    assert ("tier-refer" in html) is clinical
