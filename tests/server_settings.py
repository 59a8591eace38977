"""The production settings for a real server that tests start (``tests.servers``),
with one change: static files without the manifest that ``collectstatic`` writes."""

from stagegids.settings import *  # noqa: F403  (the overlay starts from the real settings)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
