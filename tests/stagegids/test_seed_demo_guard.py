"""seed_demo creates accounts whose password the README publishes: it runs with DEBUG on
only. A module of its own, because test_seed_demo.py shares one seeded database."""

import io

import pytest
from django.core.management import CommandError, call_command

from companies.models import Company
from placements.models import Placement, School
from stagegids.core.models import User

pytestmark = pytest.mark.django_db


def row_counts() -> tuple[int, int, int, int]:
    return tuple(model.objects.count() for model in (User, School, Company, Placement))


def test_seed_demo_with_debug_off_refuses_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as excinfo:
        call_command("seed_demo", stdout=io.StringIO())

    assert str(excinfo.value) == (
        "seed_demo creates accounts whose password the README publishes, so it only runs "
        "with DEBUG on: use 'make run', or 'DEBUG=1 python manage.py seed_demo' on a "
        "development database."
    )
    assert row_counts() == (0, 0, 0, 0)


def test_seed_demo_with_debug_on_creates_the_demo_data(settings):
    settings.DEBUG = True

    call_command("seed_demo", stdout=io.StringIO())

    assert row_counts() == (17, 4, 8, 42)
