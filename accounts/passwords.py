"""Password-reset emails: the link names the public address (settings.SITE_URL), never
whatever Host header a request carried. Used by the reset page and by the Staff page's
invitation of a new staff member."""

from urllib.parse import urlsplit

from django.conf import settings

SITE_NAME = "Massage intake"


def reset_email_context():
    site = urlsplit(settings.SITE_URL)
    return {"site_name": SITE_NAME, "domain": site.netloc, "protocol": site.scheme}
