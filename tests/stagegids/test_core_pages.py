import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_permanently_to_the_svg_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


def test_favicon_svg_is_served_by_whitenoise(client):
    response = client.get("/static/favicon.svg")

    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)


def test_login_page_is_dutch_by_default_and_says_which_language(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Inloggen" in content
    assert response["Content-Language"] == "nl"
    assert "Cookie" in response["Vary"]


def test_login_page_in_english_after_choosing_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/accounts/login/")

    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"


def test_unknown_page_answers_404_with_the_portals_own_page(client, outsider):
    client.force_login(outsider)

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"


def test_refused_write_answers_403_with_the_portals_own_page(client, teacher_a, placement_a):
    client.force_login(teacher_a)

    response = client.post(f"{placement_a.get_absolute_url()}status/activate/")

    assert response.status_code == 403
    assert response.templates[0].name == "403.html"


def test_portal_loads_without_weasyprint_so_only_pdfs_need_pango():
    script = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "from django.urls import reverse\n"
        "print(reverse('evaluations:bulk'), Client().get('/accounts/login/').status_code)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout.split() == ["/evaluations/download/", "200"], result.stderr
