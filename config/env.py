"""Small, strict readers for configuration from the environment.

Each raises ImproperlyConfigured with the variable's name, so a typo in a
deployment stops the app at start-up instead of silently running with a default.
"""

import json
import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise ImproperlyConfigured(f'{name} must be "true" or "false", not {value!r}.')


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_json(name, default=None):
    """A JSON object (for options a backend takes as keyword arguments)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return {} if default is None else default
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object: {error}") from None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}.")
    return parsed


def env_secret(name, default=None):
    """Read NAME, or the contents of the file named by NAME_FILE (Docker secrets)."""
    value = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if value and file_name:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if file_name:
        try:
            value = Path(file_name).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name!r}, which cannot be read: {error}"
            ) from None
    return value or default


def database_from_url(url, base_dir):
    """Turn DATABASE_URL into a Django DATABASES entry.

    Only the two engines this app is tested on are accepted.
    """
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else unquote(parts.path)
        if not path:
            raise ImproperlyConfigured("DATABASE_URL sqlite:// needs a file path.")
        name = Path(path) if Path(path).is_absolute() else base_dir / path
        # The embedded default lives under var/; make its folder so a fresh clone just works.
        name.parent.mkdir(parents=True, exist_ok=True)
        # Two gunicorn workers writing at once would otherwise fail with "database is
        # locked" (Django opens deferred transactions): writers queue instead, and WAL lets
        # readers go on while one writes.
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "OPTIONS": options}
    if parts.scheme in ("postgres", "postgresql"):
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
        if not config["NAME"]:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name.")
        return config
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {parts.scheme or url!r}."
    )
