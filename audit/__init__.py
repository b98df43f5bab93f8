"""The audit trail. `audit.record(request, action=..., obj=...)` writes one event; model
writes of the tracked models are recorded by audit/tracking.py with their diffs."""


def record(request, *, action, obj, changes=None):
    """Record one event about `obj` by the request's user (None: the current request)."""
    from audit.events import record as _record

    return _record(request, action=action, obj=obj, changes=changes)


def record_page(request, *, page, client_pk=None):
    """Record that `page` (not one record: the dashboard, the audit log) was opened."""
    from audit.events import record_page as _record_page

    return _record_page(request, page=page, client_pk=client_pk)
