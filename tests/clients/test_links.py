"""record_url builds the same link as reverse(), also under a script prefix (an app served
from a sub-path)."""

import pytest
from django.urls import reverse, set_script_prefix

from clients.links import record_url

VIEWS = [
    "dashboard:client-detail",
    "intake:intake-review",
    "notes:note-detail",
    "referrals:letter-detail",
    "referrals:letter-edit",
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("pk", [1, 7, 42, 918273645, 10**12])
def test_the_link_is_the_one_reverse_gives(viewname, pk, script_prefix):
    assert record_url(viewname, pk) == reverse(viewname, args=[pk])
    script_prefix("/practice/")
    assert record_url(viewname, pk) == reverse(viewname, args=[pk])
    assert record_url(viewname, pk).startswith("/practice/")
