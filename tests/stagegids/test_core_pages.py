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
