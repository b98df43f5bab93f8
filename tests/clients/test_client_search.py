import pytest
from django.urls import reverse

from clients.models import Client


@pytest.fixture
def roster(alice):
    people = [
        ("Zoë", "Núñez", "zoe.nunez@example.com", "+1 (555) 010-2030"),
        ("James", "Whitfield", "jw@mail.example", "555 010 2031"),
        ("Priya", "Raman", "priya.r@example.org", "07700 900123"),
        ("Wei", "王", "wei@example.com", ""),
    ]
    return [
        Client.objects.create(
            therapist=alice, first_name=first, last_name=last, email=email, phone=phone
        )
        for first, last, email, phone in people
    ]


def names(response):
    return [client.full_name for client in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("whit", ["James Whitfield"]),
        ("PRI", ["Priya Raman"]),
        ("nunez", ["Zoë Núñez"]),  # typed without accents
        ("Núñ", ["Zoë Núñez"]),
        ("zoe nun", ["Zoë Núñez"]),  # every word must match
        ("王", ["Wei 王"]),
        ("mail.example", ["James Whitfield"]),
        ("priya.r@", ["Priya Raman"]),
        ("0102030", ["Zoë Núñez"]),  # digits without the formatting
        ("555-010-2031", ["James Whitfield"]),
        ("900 123", ["Priya Raman"]),
    ],
)
def test_search_finds_by_partial_name_email_and_phone(as_alice, roster, query, expected):
    response = as_alice.get(reverse("clients:client-list"), {"q": query})
    assert names(response) == expected


def test_search_that_matches_nothing_says_so(as_alice, roster):
    response = as_alice.get(reverse("clients:client-list"), {"q": "Zzyzx"})
    assert names(response) == []
    assert "No client matches “Zzyzx”" in response.content.decode()


def test_archived_clients_are_hidden_until_asked_for(as_alice, roster):
    priya = roster[2]
    as_alice.post(reverse("dashboard:client-archive", args=[priya.pk]))
    assert "Priya Raman" not in names(as_alice.get(reverse("clients:client-list")))
    archived = as_alice.get(reverse("clients:client-list"), {"archived": "on"})
    assert names(archived) == ["Priya Raman"]


def test_an_overlong_query_is_refused_with_a_message(as_alice, roster):
    response = as_alice.get(reverse("clients:client-list"), {"q": "x" * 500})
    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters" in response.content.decode()


@pytest.mark.parametrize("count", [25, 26, 51])
def test_the_list_pages_through_every_client_once(as_alice, alice, count):
    """The first page is read without a count when it holds the whole list; either way
    the pages show every client once, in order, and say how many pages there are."""
    for i in range(count):
        Client.objects.create(therapist=alice, first_name="Pat", last_name=f"Doe{i:02}")
    seen, page_number = [], 1
    while True:
        response = as_alice.get(reverse("clients:client-list"), {"q": "doe", "page": page_number})
        page = response.context["page"]
        seen += names(response)
        pages = -(-count // 25)
        if pages > 1:
            assert f"Page {page_number} of {pages}" in response.content.decode()
        if not page.has_next():
            break
        page_number += 1
    assert seen == [f"Pat Doe{i:02}" for i in range(count)]
    assert page_number == pages
