"""Each page's fields are copied from fields built once per process (intake.forms._page_field):
whatever one client's page does to its fields must never show on another client's page."""

from intake.forms import SectionForm
from screening.questions import SECTIONS

ABOUT = next(section for section in SECTIONS if section.id == "about")
HEART = next(section for section in SECTIONS if section.id == "heart")


def test_a_change_to_one_pages_fields_is_not_seen_on_the_next_page():
    first = SectionForm(None, section=ABOUT)
    field = first.fields["first_name"]
    field.widget.attrs["class"] = "changed"
    field.error_messages["required"] = "changed"
    field.validators.append(lambda value: None)
    field.required = False
    field.label = "changed"

    fresh = SectionForm(None, section=ABOUT).fields["first_name"]
    assert fresh.widget.attrs["class"] == "form-control"
    assert fresh.error_messages["required"] == "Please enter your first name."
    assert len(fresh.validators) == len(field.validators) - 1
    assert fresh.required is True
    assert fresh.label != "changed"


def test_a_page_sent_back_with_errors_leaves_the_next_clients_page_as_it_was():
    before = str(SectionForm(None, section=HEART))
    posted = SectionForm({"chest_pain": "maybe"}, section=HEART)
    assert not posted.is_valid()
    str(posted)  # drawn with its messages and aria-invalid
    assert str(SectionForm(None, section=HEART)) == before


def test_each_page_has_fields_of_its_own():
    one, two = SectionForm(None, section=HEART), SectionForm(None, section=HEART)
    for name in one.fields:
        assert one.fields[name] is not two.fields[name]
        assert one.fields[name].widget is not two.fields[name].widget
        assert one.fields[name].widget.attrs is not two.fields[name].widget.attrs
