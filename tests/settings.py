"""Test settings: the project's settings with a throwaway key and fast hashing.

The environment still decides the database (DATABASE_URL), so CI runs every test on
PostgreSQL and a laptop without one on SQLite.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from stagegids.settings import *  # noqa: F403  (the overlay starts from the real settings)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In memory, so each pytest-xdist worker keeps its own counters (such as failed pupil
# lookups and failed logins) whatever cache a deployment configures, and tests without a
# database can clear it (``test_cache_settings`` checks the deployment's default).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The tests run in transactions that never commit: renew the pages' stamps at each change
# (the commit's own renewal is tested in tests/stagegids/test_page_cache.py).
PAGE_CACHE_TOUCH_AT_ONCE = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A query stuck on a bad plan fails its test within a minute, with the query in the
    # error, instead of stalling the whole run until CI gives up.
    DATABASES["default"]["OPTIONS"]["options"] += " -c statement_timeout=60000"  # noqa: F405
