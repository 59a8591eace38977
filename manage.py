#!/usr/bin/env python
"""Django's command-line utility for Stagegids."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagegids.settings")
    # Without a SECRET_KEY this is a developer's checkout, not a deployment (which must
    # set one): run in development mode, as `make run` does, instead of refusing.
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
