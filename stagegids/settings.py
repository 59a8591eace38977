"""Settings for Stagegids, read from the environment.

Every value that differs between a laptop and production comes from an environment
variable read through the small helpers below; a malformed value stops the start-up
with a message naming the variable instead of running with a guess.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable, or the default; without a default the variable is required."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate a DATABASE_URL: ``sqlite:///relative/path``, ``sqlite:////absolute/path``
    or ``postgres://user:password@host:port/name``."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path.strip("/"):
            raise ImproperlyConfigured("DATABASE_URL for SQLite looks like sqlite:///db.sqlite3")
        # Three slashes: relative to the project; four: an absolute path.
        name = Path(path[1:]) if path.startswith("//") else BASE_DIR / path.lstrip("/")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if parts.scheme in {"postgres", "postgresql"}:
        if not parts.path.strip("/"):
            raise ImproperlyConfigured("DATABASE_URL must name the database: postgres://…/name")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("DATABASE_URL has a port that is not a number.") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            # The pool checks each connection before lending it out (psycopg_pool's
            # check_connection): one that a database restart closed is replaced, not
            # handed to a request.
            "CONN_HEALTH_CHECKS": True,
            # psycopg's pool keeps connections open between requests.
            "OPTIONS": {
                # Every query here is short; PostgreSQL's JIT compiler, which starts on a
                # high cost estimate (a list with per-row subqueries), spends more time
                # compiling than such a query takes to run. And the data sits in memory
                # or on SSD, where a page read at random costs about what one read in
                # sequence does (the default of 4 is for spinning disks): at 1.1 the
                # planner reads a school's placements, their pupils and messages through
                # the indexes instead of scanning whole tables.
                "options": "-c jit=off -c random_page_cost=1.1",
                "pool": {
                    "min_size": 1,
                    "max_size": env_int("DATABASE_POOL_SIZE", 10),
                    # A request waits this many seconds for a connection, then gets the
                    # retry page (503) instead of holding its worker.
                    "timeout": env_int("DATABASE_POOL_TIMEOUT", 3),
                    # While the database is down the pool tries to connect again after
                    # 1, 2, 4 … seconds; giving up after 10, the next request starts a
                    # fresh try, so the pool is back within a second of the database
                    # however long it was gone (with psycopg's 5 minutes: a few seconds
                    # after a 1-minute outage; see "Scaling out" in the README).
                    "reconnect_timeout": 10,
                },
            },
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parts.scheme!r} is not supported.")


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-development-only" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "stagegids.core",
    "companies",
    "placements",
    "evaluations",
    "stagegids.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "stagegids.core.middleware.allowed_methods",
    "stagegids.core.middleware.control_characters_ignored",
    "stagegids.core.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: static files keep their long cache headers, everything else is
    # no-store.
    "stagegids.core.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stagegids.core.middleware.language_from_cookie",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stagegids.core.middleware.session_timeouts",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "stagegids.core.middleware.admin_needs_second_factor",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Below htmx (it needs request.htmx): a logged-out htmx request goes to the login page.
    "stagegids.core.middleware.htmx_login_redirect",
]

ROOT_URLCONF = "stagegids.urls"
WSGI_APPLICATION = "stagegids.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

DATABASES = {"default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "stagegids.User"
AUTHENTICATION_BACKENDS = [
    # The test client's login and force_login (Django admin's login leads to allauth's).
    "django.contrib.auth.backends.ModelBackend",
    # Every other login: email and password, with allauth's rate limits.
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account_login"

# Accounts (django-allauth): email is the login; nobody signs up on their own (people are
# invited into a role); one email address per user, changed only once the new one is
# confirmed; a reset answers the same for known and unknown addresses.
ACCOUNT_ADAPTER = "stagegids.core.accounts.AccountAdapter"
ACCOUNT_FORMS = {"login": "stagegids.core.accounts.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to an address that has no account
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # this session stays; every other one ends
ACCOUNT_SESSION_REMEMBER = False  # shared phones: no "remember me"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Stagegids: "
#: The portal's address for the links in emails, which are written outside any request
#: (e.g. https://stagegids.example.nl); by default the first of ALLOWED_HOSTS over https.
SITE_URL = env_str(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",
).rstrip("/")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed logins: 5 per account per 5 minutes; per address 100 per 5 minutes, so that one
# pupil guessing at a school's shared address does not lock the whole school out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_LIMITS", "5/5m/key,100/5m/ip"),
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Two-factor login (allauth.mfa): an authenticator app (TOTP) with recovery codes, and
# passkeys or security keys (WebAuthn) where the browser supports them; a passkey also
# logs in on its own. Staff need one of them to open Django admin
# (``stagegids.core.middleware.admin_needs_second_factor``).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Stagegids"
# Browsers allow WebAuthn only on https, and on http://127.0.0.1 or localhost in
# development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Behind the TLS proxy of a deployment, the client's address comes from X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Shared phones: a session ends 12 hours after logging in, or after 2 idle hours.
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE", 12 * 60 * 60)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["stagegids.core.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# One cache for every process (login limits, the pupil lookup limit): the database by
# default, Redis when CACHE_URL says so (redis://host:port/db).
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL and urlsplit(CACHE_URL).scheme not in {"redis", "rediss", "unix"}:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// (or rediss://) URL.")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "stagegids_cache",
        # Room for the cached pages of a few thousand users (Django's default is 300).
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
    }
}
# How long a rendered page's content may stay in the cache (seconds; 0: not cached).
# Every change renews the version stamps in its keys (``stagegids.core.page_cache``), so
# this only bounds how long unused copies (and pupils' names in them) are kept.
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 300)
# Renew the stamps at the change as well as at the commit: only for the test suite, whose
# transactions never commit.
PAGE_CACHE_TOUCH_AT_ONCE = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds; a failed send is tried again later
EMAIL_SUBJECT_PREFIX = "Stagegids: "
#: The portal's address for the links in emails, which are written outside any request
#: (e.g. https://stagegids.example.nl); by default the first of ALLOWED_HOSTS over https.
SITE_URL = env_str(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",
).rstrip("/")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Stagegids <noreply@stagegids.test>")

# Background work (sending email) through Django's tasks API. "immediate": each task
# runs in the web process right after its transaction commits (one process is enough);
# "database": tasks wait in PostgreSQL for `manage.py db_worker` processes.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
#: An export of the placement overview with more rows than this is made by a task and
#: offered on the exports page for a day, instead of being downloaded straight away.
EXPORT_INLINE_MAX = env_int("EXPORT_INLINE_MAX", 3000)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Secure by default: only a local DEBUG run relaxes these.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks each instance over plain http, without the proxy's headers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every step of every PDF at INFO: only its problems matter here.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# In development whitenoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
