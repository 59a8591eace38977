"""Playwright driving the system Chromium against pytest-django's live server.

Without /usr/bin/chromium the browser tests skip on a developer's machine; in CI
(CI=true) a missing browser fails the run instead.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# The flags keep Chromium from reaching out to the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests, but {CHROMIUM} is missing.")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serialized_contents(django_db_setup):
    """The snapshot that ``serialized_rollback`` restores, taken before Playwright starts."""
    return {c.alias: getattr(c, "_test_serialized_contents", None) for c in connections.all()}


@pytest.fixture(autouse=True)
def keep_serialized_rollback(serialized_contents, browser):
    """Starting Playwright's sync API switches the context Django keeps its connections in,
    so tests get connection objects without the snapshot, and ``serialized_rollback``
    would silently restore nothing: a browser test's flush would leave the next one
    without the data the migrations load (checklists, tasks, the assessment form)."""
    for alias, contents in serialized_contents.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture
def demo_data():
    """The demo data set, loaded as ``make run`` loads it: seed_demo refuses to run with
    DEBUG off. Only the seeding runs with DEBUG on; the live server keeps DEBUG off."""
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def page(browser):
    """A fresh phone-sized page; fails the test on any console error (e.g. a CSP breach)."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "\n".join(errors)


def login(page, live_server, email: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
