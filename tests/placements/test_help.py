"""The guide's tips, one page per phase of a placement."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from placements.models import Phase

pytestmark = pytest.mark.django_db

INDEX_URL = "/placements/help/"
PAGES = [
    ("before-the-start", Phase.BEFORE_START, "placements/help/before_the_start.html"),
    ("first-day", Phase.FIRST_DAY, "placements/help/first_day.html"),
    ("during", Phase.DURING, "placements/help/during.html"),
    ("closing", Phase.CLOSING, "placements/help/closing.html"),
]


@pytest.mark.parametrize(("slug", "phase", "template"), PAGES)
@pytest.mark.parametrize("persona", ["supervisor_a", "coordinator_a", "teacher_a", "outsider"])
def test_help_phase_logged_in_is_200_with_its_phase(
    client, request, persona, slug, phase, template
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("placements:help", kwargs={"slug": slug}))

    assert response.status_code == 200
    assert response.context["page"].phase == phase
    assert template in [t.name for t in response.templates]


@pytest.mark.parametrize(("slug", "phase", "template"), PAGES)
def test_help_phase_logged_out_redirects_to_login(client, slug, phase, template):
    url = reverse("placements:help", kwargs={"slug": slug})

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_help_index_logged_out_redirects_to_login(client):
    response = client.get(INDEX_URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={INDEX_URL}"


def test_help_index_links_every_phase_in_order(client, outsider):
    client.force_login(outsider)

    response = client.get(INDEX_URL)

    content = response.content.decode()
    positions = [content.index(f'href="{INDEX_URL}{slug}/"') for slug, _, _ in PAGES]
    assert response.status_code == 200
    assert positions == sorted(positions)


@pytest.mark.parametrize("slug", ["unknown", "voor-de-start", "BEFORE-THE-START", "1"])
def test_help_phase_unknown_slug_is_404(client, outsider, slug):
    client.force_login(outsider)

    response = client.get(f"{INDEX_URL}{slug}/")

    assert response.status_code == 404


@pytest.mark.parametrize("url", [INDEX_URL, f"{INDEX_URL}during/"])
def test_help_post_is_405(client, outsider, url):
    client.force_login(outsider)

    response = client.post(url)

    assert response.status_code == 405


def test_help_phase_links_to_neighbouring_phases(client, outsider):
    client.force_login(outsider)

    response = client.get(f"{INDEX_URL}first-day/")

    assert (response.context["previous_page"].slug, response.context["next_page"].slug) == (
        "before-the-start",
        "during",
    )


def test_help_first_and_last_phase_link_back_to_index(client, outsider):
    client.force_login(outsider)

    first = client.get(f"{INDEX_URL}before-the-start/")
    last = client.get(f"{INDEX_URL}closing/")

    assert (first.context["previous_page"], last.context["next_page"]) == (None, None)
    assert f'href="{INDEX_URL}"' in first.content.decode()
    assert f'href="{INDEX_URL}"' in last.content.decode()


@pytest.mark.parametrize(("slug", "phase", "template"), PAGES)
def test_phase_link_fragment_links_to_its_page(slug, phase, template):
    for value in (phase, int(phase), str(int(phase))):
        html = render_to_string("placements/help/_phase_link.html", {"phase": value})

        assert f'<a class="small" href="{INDEX_URL}{slug}/">' in html


@pytest.mark.parametrize("phase", [0, 5, None, "", "x"])
def test_phase_link_fragment_unknown_phase_renders_nothing(phase):
    html = render_to_string("placements/help/_phase_link.html", {"phase": phase})

    assert html.strip() == ""
