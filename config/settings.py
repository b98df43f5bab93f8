"""Settings for the massage intake app: one module, configured by the environment.

See README.md for every variable. Defaults are safe for production except the
database, which defaults to an embedded SQLite file under var/.
"""

import logging
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    database_from_url,
    env_bool,
    env_int,
    env_json,
    env_list,
    env_secret,
    env_str,
)
from config.layers import PROJECT_APPS

CONFIG_DIR = Path(__file__).resolve().parent
BASE_DIR = CONFIG_DIR.parent
# templates/ and static/ are top-level directories of the source tree (a checkout, or the
# editable install of `make install`). An installed wheel has no source tree around it, so it
# carries them inside this package (setup.py maps them there): look where they are.
INSTALLED_FROM_WHEEL = (CONFIG_DIR / "templates").is_dir()
SITE_DIR = CONFIG_DIR if INSTALLED_FROM_WHEEL else BASE_DIR
# What the app writes (the SQLite default, collected static files) goes in var/: the source
# tree's, or the current directory's for an installed app, never inside site-packages.
RUN_DIR = Path.cwd() if INSTALLED_FROM_WHEEL else BASE_DIR
VAR_DIR = RUN_DIR / "var"

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set when DJANGO_DEBUG is "
            "not true. For development on this machine, set DJANGO_DEBUG=true instead (as "
            "`make run` does: a development key, plain-http cookies), e.g. "
            "`DJANGO_DEBUG=true python manage.py createsuperuser`. In production, generate a "
            "key with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "development-only-secret-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the app, used in intake links sent by email and printed by commands.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "config.apps.TwoFactorAdminConfig",  # django.contrib.admin, for verified superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # The project's apps, bottom to top (config/layers.py: the one list of them).
    *PROJECT_APPS,
]

MIDDLEWARE = [
    # /health/ for load balancers and compose: answered before the host check, the HTTPS
    # redirect and the session (config/health.py).
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "clients.middleware.PracticeTimeZoneMiddleware",
    "audit.context.AuditContextMiddleware",
    "config.middleware.NoStoreWhenSignedInMiddleware",
    # django_otp's, reading the authenticator app with the user (accounts.backends).
    "accounts.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the login view's response and turns a lockout into the sign-in page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clients.context_processors.practice",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/db.sqlite3"), base_dir=RUN_DIR
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database: writers take the lock when their transaction
    # begins (IMMEDIATE) and wait up to 20 s for it instead of failing with "database is
    # locked"; WAL lets readers go on while one writer writes. Options in DATABASE_URL win.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"]["OPTIONS"],
    }
    # The test database is a file, not shared memory, so live-server threads each get their
    # own connection and queue on the lock as production requests do.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 hashes new passwords; PBKDF2 stays so existing hashes still verify (and are
# upgraded to Argon2 at the user's next sign-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:dashboard"
LOGOUT_REDIRECT_URL = "login"

# django-axes: AxesStandaloneBackend refuses a locked-out sign-in before any password check.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "accounts.backends.StaffBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_MINUTES = 15
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
# Counted separately: a username (guessing one account from many addresses) and an address
# (trying many usernames) each lock after AXES_FAILURE_LIMIT failures within the cool-off.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
# Off: axes' reset on success also deletes every failure from the signing-in address, so an
# insider could wipe the guesses at a colleague's password by signing in to their own account.
# accounts.lockout.clear_own_failures clears only the signed-in username's failures instead.
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip_address"

# Two-factor sign-in (django-otp). When required, every staff page sends a signed-in user
# without a confirmed authenticator to the enrolment page first.
REQUIRE_TWO_FACTOR = env_bool("DJANGO_REQUIRE_TWO_FACTOR", default=not DEBUG)
OTP_TOTP_ISSUER = "Massage intake"
# Setting up an authenticator needs a one-time link from the practice owner (accounts/
# enrolment.py), valid this many hours.
ENROLMENT_LINK_HOURS = env_int("DJANGO_ENROLMENT_LINK_HOURS", 72)
if ENROLMENT_LINK_HOURS < 1:
    raise ImproperlyConfigured(
        f"DJANGO_ENROLMENT_LINK_HOURS must be at least 1, not {ENROLMENT_LINK_HOURS}."
    )

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")

# Background jobs (emails when due) through Django's tasks API. The database backend needs
# nothing else running but `manage.py worker`; a larger practice may name another backend.
TASKS = {"default": {"BACKEND": env_str("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The app's own static files (vendored Bootstrap, scripts, the letters' css, drawings), also
# read by printing/ when it renders a PDF.
STATIC_SOURCE_DIR = SITE_DIR / "static"
STATICFILES_DIRS = [STATIC_SOURCE_DIR]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Stored files (the finalised referral letters' PDFs) go through Django's storage API: a
# directory by default, which every app server must share (a network volume), or an
# S3-compatible store named by DJANGO_STORAGE_BACKEND and its DJANGO_STORAGE_OPTIONS. Never
# served by a URL: a letter is streamed by its view after the access check.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or VAR_DIR / "media").resolve()
if any(
    MEDIA_ROOT.is_relative_to(Path(folder).resolve()) for folder in (*STATICFILES_DIRS, STATIC_ROOT)
):
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_ROOT ({MEDIA_ROOT}) is inside the static files, which anyone can "
        "download: put it elsewhere."
    )
STORAGES = {
    "default": {
        "BACKEND": env_str("DJANGO_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json("DJANGO_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and development serve static files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", CONSOLE_EMAIL_BACKEND)
# The console backend prints every email, intake links and password-reset links included, to
# the server's output: in production that is a log anyone with log access reads.
if EMAIL_BACKEND == CONSOLE_EMAIL_BACKEND and not DEBUG:
    if not env_bool("DJANGO_ALLOW_CONSOLE_EMAIL", default=False):
        raise ImproperlyConfigured(
            "DJANGO_EMAIL_BACKEND is the console backend, which prints intake and password "
            "reset links to the logs. Set DJANGO_EMAIL_BACKEND to "
            "django.core.mail.backends.smtp.EmailBackend (and DJANGO_EMAIL_HOST...), or set "
            "DJANGO_ALLOW_CONSOLE_EMAIL=true to accept that for a trial."
        )
    logging.getLogger("config.settings").warning(
        "DJANGO_ALLOW_CONSOLE_EMAIL=true: emails, with their private links, are printed to "
        "the server's output."
    )
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
# A mail server that does not answer must not hang the page that sends (seconds).
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "intake@localhost")

# Health data travels only over HTTPS in production. DJANGO_HTTPS=false is for trying the
# production setup on a laptop over plain http (docker compose), never for real clients.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"  # intake links carry a token in the path
# Signed out after this many minutes without a request: every request renews the session.
SESSION_IDLE_MINUTES = env_int("DJANGO_SESSION_IDLE_MINUTES", 30)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured(
        f"DJANGO_SESSION_IDLE_MINUTES must be at least 1, not {SESSION_IDLE_MINUTES}."
    )
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Signed out this many hours after signing in, however active (accounts/middleware.py).
SESSION_MAX_HOURS = env_int("DJANGO_SESSION_MAX_HOURS", 12)
if SESSION_MAX_HOURS < 1:
    raise ImproperlyConfigured(
        f"DJANGO_SESSION_MAX_HOURS must be at least 1, not {SESSION_MAX_HOURS}."
    )
SESSION_SAVE_EVERY_REQUEST = True
# Database sessions, renewed in one UPDATE instead of a transaction of three statements.
SESSION_ENGINE = "accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# Benchmark only (make bench): adds a one-line view at /bench/bare/, the ceiling the pages
# are compared with. Never set it in production.
BENCH_BARE = env_bool("DJANGO_BENCH_BARE", default=False)

# django-csp: no inline script or style anywhere; scripts and styles come from static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features no page of this app uses (config/middleware.py).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), "
    "interest-cohort=(), browsing-topics=()"
)

# Every handler redacts the tokens of private links (config/redaction.py): request paths
# reach the logs through django.request (404s, errors) and django.server (runserver).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "config.redaction.RedactTokensFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # Replace Django's default handlers for these (they would print unredacted paths).
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Not the start-up banner on every command; lockouts and failures are warnings.
        "axes.apps": {"level": "WARNING"},
    },
}

# The dashboard's covering indexes (Index(include=...)) are used by PostgreSQL; SQLite, the
# embedded default, builds them without the extra columns, which is all this warns about.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
