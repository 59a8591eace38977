import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login
from tests.factories import CompanyFactory

# serialized_rollback: the checklist templates and tasks loaded by migrations stay.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_data"),
]

ADMIN = "admin@stagegids.test"
PASSWORD = "stagegids-demo"


def test_staff_pages_through_the_directory_and_searches_it_on_a_phone(live_server, page):
    for number in range(1, 31):
        CompanyFactory(name=f"Aaa Schaalbedrijf {number:02d}", city="Deventer")
    CompanyFactory(name="Koeltechniek Oost", city="Deventer")
    login(page, live_server, ADMIN, PASSWORD)
    # English, so that the new strings read the same before and after their translation.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.goto(f"{live_server.url}/companies/")
    expect(page.locator("#company-table tbody tr")).to_have_count(25)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Next").click()
    expect(pages).to_contain_text("Page 2 of 2")
    expect(page.get_by_role("link", name="Aaa Schaalbedrijf 01")).to_have_count(0)

    page.get_by_label("Name, city or KvK number").fill("DEVENTER koeltechniek")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#company-count")).to_have_text("1 company")
    page.get_by_role("link", name="Koeltechniek Oost").click()
    expect(page.get_by_role("heading", name="Koeltechniek Oost")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
