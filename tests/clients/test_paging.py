"""counted_page: a page and the list's length in one query, with Paginator.get_page's
answers for every page number a person can type."""

import pytest
from django.core.paginator import Paginator

from clients.models import Client
from clients.paging import counted_page


@pytest.fixture
def thirty_clients(alice):
    Client.objects.bulk_create(
        Client(therapist=alice, first_name="Pat", last_name=f"Doe{i:02}") for i in range(30)
    )
    return Client.objects.filter(therapist=alice).order_by("last_name")


def names(page):
    return [client.last_name for client in page.object_list]


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "0", "-4", "abc", "99", "9" * 400])
def test_every_page_number_gives_what_the_paginator_would(thirty_clients, number):
    page = counted_page(thirty_clients, number, 12)
    expected = Paginator(thirty_clients, 12).get_page(number)
    assert (page.number, names(page)) == (expected.number, names(expected))
    assert page.paginator.count == 30
    assert page.paginator.num_pages == 3


def test_a_page_in_range_is_one_query(thirty_clients, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = counted_page(thirty_clients, "2", 12)
        assert page.paginator.count == 30
        assert names(page) == [f"Doe{i:02}" for i in range(12, 24)]
        assert page.has_next() and page.has_previous()


@pytest.mark.django_db
def test_an_empty_list_is_one_empty_first_page():
    page = counted_page(Client.objects.all(), "3", 12)
    assert page.number == 1
    assert list(page.object_list) == []
    assert page.paginator.count == 0
