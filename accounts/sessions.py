"""Database sessions whose renewal is one statement.

Every signed-in request renews its session (SESSION_SAVE_EVERY_REQUEST: the idle timeout).
Django's database store wraps that UPDATE in a transaction of its own (BEGIN, UPDATE, COMMIT:
three round trips to the database on every page) because creating a session may collide
with another's key; renewing an existing one is a single UPDATE, atomic by itself.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
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
