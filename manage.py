#!/usr/bin/env python
"""Django's command-line utility for Stagegids."""

import os
import sys
from urllib.parse import urlsplit


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagegids.settings")
    # Without a SECRET_KEY, on the embedded SQLite database, this is a developer's
    # checkout, not a deployment (which must set one): run in development mode, as
    # `make run` does, instead of refusing. A PostgreSQL DATABASE_URL may well be
    # production's, so there DEBUG stays off unless it is set.
    database_url = os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3")
    if "SECRET_KEY" not in os.environ and urlsplit(database_url).scheme == "sqlite":
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
