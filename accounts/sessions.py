"""Database sessions whose renewal and creation are one statement each.

Every signed-in request renews its session (SESSION_SAVE_EVERY_REQUEST: the idle timeout),
but an unchanged session is written at most once a RENEW_EVERY: a page a second would
otherwise be a write a second, and the idle timeout only needs to move by the minute.
Django's database store wraps that UPDATE in a transaction of its own (BEGIN, UPDATE, COMMIT:
three round trips to the database on every page) because creating a session may collide
with another's key; renewing an existing one is a single UPDATE, atomic by itself. A new
session (a sign-in, a client's sent form) is one INSERT: Django first asks whether the
random key is taken and then inserts in a transaction; the primary key refuses a taken key
anyway (CreateError), and create() then draws another.
"""

import datetime

from django.contrib.sessions.backends.base import (
    VALID_KEY_CHARS,
    CreateError,
    UpdateError,
)
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

# An unchanged session is renewed once it is this old; it ends between IDLE - RENEW_EVERY and
# IDLE after the last request.
RENEW_EVERY = datetime.timedelta(seconds=60)


class SessionStore(DatabaseSessionStore):
    _stored_expiry = None

    def _get_session_from_db(self):
        # Every request reads its session: one hand-written SELECT by primary key, as the
        # ORM would send it, without building that query anew each time (two thirds of this
        # read's cost); the expiry is compared here, as Django's store compares it in SQL.
        session = None
        if self.session_key is not None:
            using = router.db_for_read(self.model)
            quote = connections[using].ops.quote_name
            sql = "SELECT {}, {}, {} FROM {} WHERE {} = %s".format(
                quote("session_key"),
                quote("session_data"),
                quote("expire_date"),
                quote(self.model._meta.db_table),
                quote("session_key"),
            )
            found = list(self.model.objects.db_manager(using).raw(sql, [self.session_key]))
            if found and found[0].expire_date > timezone.now():
                session = found[0]
        if session is None:
            self._session_key = None  # as Django's store: a new session gets a new key
        self._stored_expiry = session.expire_date if session else None
        return session

    def renewed_recently(self):
        """Whether the stored expiry is within RENEW_EVERY of a fresh one."""
        if self._stored_expiry is None:
            return False
        fresh = timezone.now() + datetime.timedelta(seconds=self.get_session_cookie_age())
        return fresh - self._stored_expiry < RENEW_EVERY

    def _get_new_session_key(self):
        # 32 characters of 36: a taken key is refused by the INSERT, not looked for first.
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        if must_create:
            return self._insert()
        if not self.modified and self.renewed_recently():
            return
        session = self.create_model_instance(self._get_session())
        using = router.db_for_write(self.model, instance=session)
        renewed = (
            self.model.objects.using(using)
            .filter(session_key=session.session_key)
            .update(session_data=session.session_data, expire_date=session.expire_date)
        )
        if not renewed:
            # Deleted meanwhile (signed out in another tab): as Django's store does.
            raise UpdateError
        self._stored_expiry = session.expire_date

    def _insert(self):
        session = self.create_model_instance(self._get_session(no_load=True))
        using = router.db_for_write(self.model, instance=session)
        try:
            if connections[using].in_atomic_block:
                # Inside a transaction, a refused INSERT must not spoil it: a savepoint.
                with transaction.atomic(using=using):
                    session.save(force_insert=True, using=using)
            else:
                session.save(force_insert=True, using=using)
        except IntegrityError:
            raise CreateError from None
