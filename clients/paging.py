"""A page of a list and the list's length in one query.

Django's Paginator counts the list (one query) and then reads the page (another). A window
count rides along with the page's rows instead: the database counts the rows it has found
while it reads them, one round trip where there were two, and the same number of queries
for a list of three rows or of three thousand.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

# A page number typed into the address bar can be any length; past this the database is not
# asked (an OFFSET must fit its integers), the count alone finds the last page.
MAX_OFFSET = 2**31 - 1


def counted_page(queryset, number, per_page):
    """The page `number` (any text: an invalid one is the first or the last page, as
    Paginator.get_page) of `queryset`, its paginator already knowing the count."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = []
    if 0 <= start < MAX_OFFSET:
        rows = list(queryset.annotate(list_total=Window(Count("pk")))[start : start + per_page])
    if not rows:
        # Before the first page, past the end, or an empty list: as Paginator.get_page.
        page = paginator.get_page(number)
        page.object_list = list(page.object_list)
        return page
    paginator.count = rows[0].list_total  # Paginator.count is a cached property
    return Page(rows, number, paginator)
