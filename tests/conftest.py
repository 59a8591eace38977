"""Shared fixtures: the personas every view is tested against.

Company A and school A belong together; company B and school B are the "other side".
- supervisor_a / supervisor_b: supervisors at company A / B (supervisor_a is company admin)
- coordinator_a / coordinator_b: coordinators of school A / B
- teacher_a: teacher at school A who follows the pupil of ``placement_a`` (school A lets
  teachers approve assessments; school B does not)
- outsider: a user without any membership
- staff: a Django admin
"""

import socket

import pytest
from django.core.cache import cache

from placements.models import SchoolRole
from tests.factories import (
    CompanyFactory,
    CompanyMembershipFactory,
    PlacementFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    StudentFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Counters kept in the cache (such as failed pupil lookups) start at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def company_a():
    return CompanyFactory(name="Warmtetechniek Alfa B.V.")


@pytest.fixture
def company_b():
    return CompanyFactory(name="Elektro Bravo B.V.")


@pytest.fixture
def school_a():
    """School A lets its teachers approve their pupils' assessments."""
    return SchoolFactory(name="Vakcollege Alfa", teachers_may_approve=True)


@pytest.fixture
def school_b():
    return SchoolFactory(name="Techniek College Bravo")


@pytest.fixture
def supervisor_a(company_a):
    return CompanyMembershipFactory(company=company_a, is_company_admin=True).user


@pytest.fixture
def supervisor_b(company_b):
    return CompanyMembershipFactory(company=company_b).user


@pytest.fixture
def coordinator_a(school_a):
    return SchoolMembershipFactory(school=school_a, role=SchoolRole.COORDINATOR).user


@pytest.fixture
def coordinator_b(school_b):
    return SchoolMembershipFactory(school=school_b, role=SchoolRole.COORDINATOR).user


@pytest.fixture
def teacher_a(school_a):
    return SchoolMembershipFactory(school=school_a, role=SchoolRole.TEACHER).user


@pytest.fixture
def outsider():
    return UserFactory()


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def placement_a(company_a, supervisor_a, school_a, teacher_a):
    """School A's pupil at company A, followed by teacher_a."""
    student = StudentFactory(
        school=school_a, teacher=teacher_a, given_name="Daan", surname="Visser"
    )
    return PlacementFactory(student=student, company=company_a, supervisor=supervisor_a)


@pytest.fixture
def placement_b(company_b, supervisor_b, school_b):
    """School B's pupil at company B."""
    student = StudentFactory(school=school_b, given_name="Noor", surname="Bakker")
    return PlacementFactory(student=student, company=company_b, supervisor=supervisor_b)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port, and Django sending mail to it.

    Yields the list of received messages (``email.message.EmailMessage``), newest last.
    """
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    received = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            received.append(message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER = False, ""
    yield received
    controller.stop()
