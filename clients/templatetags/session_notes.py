"""The session-notes section of the client page: notes, the pain chart and the timeline."""

from django import template

from clients.pain_chart import pain_chart
from clients.selectors import client_timeline
from intake.selectors import clearance_status

register = template.Library()


@register.inclusion_tag("clients/notes/client_section.html")
def session_notes_section(client):
    notes = list(client.session_notes.select_related("therapist").prefetch_related("complaints"))
    return {
        "client": client,
        "notes": notes,
        "chart": pain_chart(notes),
        "timeline": client_timeline(client),
        "needs_clearance": clearance_status(client).needs_clearance,
    }
