"""moot's settings, one module, read from the environment.

``MOOT_ENV`` is ``development`` (the default: ``make run``), ``test`` or ``production``.
Production refuses to start without a real ``MOOT_SECRET_KEY`` and turns on every
transport-security setting that ``manage.py check --deploy`` asks for.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import warnings
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from moot.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MOOT_VAR_DIR", str(BASE_DIR / "var")))
MOOT_ENV = env_str("MOOT_ENV", "development")
PRODUCTION = MOOT_ENV == "production"
TESTING = MOOT_ENV == "test"

DEBUG = env_bool("MOOT_DEBUG", default=MOOT_ENV == "development")


def _secret_key() -> str:
    key = env_str("MOOT_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("MOOT_SECRET_KEY must be set in production")
    # A laptop keeps one generated key so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("MOOT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("MOOT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "moot.accounts",
    "moot.groups",
    "moot.decisions",
    "moot.roles",
    "moot.meetings",
    "moot.rooms",
    "moot.records",
    "moot.notices",
    "moot.realtime",
    "moot.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, so that a PUT to a page is a 405 rather than a 403.
    "moot.groups.middleware.PageMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "moot.groups.middleware.TextInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "moot.groups.middleware.ActionErrorMiddleware",
]

ROOT_URLCONF = "moot.config.urls"
ASGI_APPLICATION = "moot.config.asgi.application"
WSGI_APPLICATION = "moot.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "moot" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]


def _postgres(url: str) -> dict[str, Any]:
    """PostgreSQL through a small pool of connections (psycopg's pool), shared by every
    request thread of the process. Under ASGI each request runs in a thread of its own;
    a connection kept per thread (``CONN_MAX_AGE`` > 0) meant one open connection per
    request of a burst, up to the server's limit, and then a 500 for every request. A
    request waits up to ``MOOT_DB_POOL_TIMEOUT`` seconds for a free connection."""
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    config["OPTIONS"] = {
        **config.get("OPTIONS", {}),
        "pool": {
            "min_size": env_int("MOOT_DB_POOL_MIN", 2),
            "max_size": env_int("MOOT_DB_POOL_MAX", 10),
            "timeout": env_int("MOOT_DB_POOL_TIMEOUT", 20),
        },
    }
    return config


def _databases() -> dict[str, Any]:
    url = env_str("DATABASE_URL")
    if url:
        return {"default": _postgres(url)}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("MOOT_SQLITE_PATH", str(VAR_DIR / "moot.sqlite3")),
            # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
            # lock at BEGIN so two writers queue instead of failing; FULL syncs each
            # commit to disk, so an acknowledged vote survives a power cut.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                ),
            },
            # Tests use a file too: an in-memory database cannot make parallel writers
            # wait their turn, and tests that race votes need exactly that. One file per
            # test process, so that test runs never share or inherit a database.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"moot-test-{os.getpid()}.sqlite3")},
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "groups:home"
LOGOUT_REDIRECT_URL = "groups:home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "moot" / "locale"]
TIME_ZONE = env_str("MOOT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("MOOT_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "moot" / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str(
    "MOOT_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("MOOT_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("MOOT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MOOT_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("MOOT_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("MOOT_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("MOOT_EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("MOOT_FROM_EMAIL", "moot <moot@localhost>")

REDIS_URL = env_str("REDIS_URL")
# Background work (reminders, digests, closing due votes) runs through Django's task
# framework on a database queue: `moot db_worker` takes the tasks and runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MOOT_INVITE_DAYS = env_int("MOOT_INVITE_DAYS", 7)
MOOT_BASE_URL = env_str("MOOT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
MOOT_DIGEST_HOUR = env_int("MOOT_DIGEST_HOUR", 7)
MOOT_NAME_MAX = 200

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("MOOT_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("MOOT_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MOOT_LOG_LEVEL", "WARNING")},
}

# WhiteNoise serves static files with a synchronous iterator; under ASGI Django warns on
# every file. Static files are small and, in production, cached by the proxy in front.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)
