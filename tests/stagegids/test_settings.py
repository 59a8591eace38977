"""The environment helpers of stagegids/settings.py and a production-like start-up."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from stagegids.settings import (
    BASE_DIR,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
)

VARIABLE = "STAGEGIDS_TEST_VARIABLE"


# --- env_bool --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("yes", True),
        ("on", True),
        (" True ", True),
        ("YES", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("", False),
        ("Off", False),
    ],
)
def test_env_bool_known_value_is_parsed(monkeypatch, value, expected):
    monkeypatch.setenv(VARIABLE, value)

    parsed = env_bool(VARIABLE)

    assert parsed is expected


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_missing_returns_default(monkeypatch, default):
    monkeypatch.delenv(VARIABLE, raising=False)

    parsed = env_bool(VARIABLE, default)

    assert parsed is default


def test_env_bool_unknown_value_raises_naming_variable(monkeypatch):
    monkeypatch.setenv(VARIABLE, "maybe")

    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_bool(VARIABLE, True)

    assert str(excinfo.value) == f"{VARIABLE} must be one of 1/0, true/false, yes/no, on/off."


# --- env_int ---------------------------------------------------------------------------


def test_env_int_number_is_parsed(monkeypatch):
    monkeypatch.setenv(VARIABLE, "587")

    parsed = env_int(VARIABLE, 25)

    assert parsed == 587


def test_env_int_missing_returns_default(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    parsed = env_int(VARIABLE, 25)

    assert parsed == 25


def test_env_int_word_raises_naming_variable(monkeypatch):
    monkeypatch.setenv(VARIABLE, "ten")

    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_int(VARIABLE, 10)

    assert str(excinfo.value) == f"{VARIABLE} must be a whole number, not 'ten'."


# --- env_str ---------------------------------------------------------------------------


def test_env_str_set_returns_value(monkeypatch):
    monkeypatch.setenv(VARIABLE, "smtp.example.nl")

    value = env_str(VARIABLE)

    assert value == "smtp.example.nl"


def test_env_str_missing_returns_default(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    value = env_str(VARIABLE, "localhost")

    assert value == "localhost"


def test_env_str_missing_with_empty_default_returns_empty(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    value = env_str(VARIABLE, "")

    assert value == ""


def test_env_str_missing_without_default_raises_naming_variable(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_str(VARIABLE)

    assert str(excinfo.value) == f"Set the environment variable {VARIABLE}."


# --- env_list --------------------------------------------------------------------------


def test_env_list_splits_and_strips(monkeypatch):
    monkeypatch.setenv(VARIABLE, " stagegids.example.nl , www.stagegids.example.nl,, ")

    values = env_list(VARIABLE)

    assert values == ["stagegids.example.nl", "www.stagegids.example.nl"]


def test_env_list_missing_uses_default(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    values = env_list(VARIABLE, "127.0.0.1,localhost")

    assert values == ["127.0.0.1", "localhost"]


def test_env_list_missing_without_default_is_empty(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)

    values = env_list(VARIABLE)

    assert values == []


# --- database_from_url -----------------------------------------------------------------


def test_database_from_url_sqlite_relative_path_is_under_base_dir():
    database = database_from_url("sqlite:///db.sqlite3")

    assert database == {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}


def test_database_from_url_sqlite_absolute_path_is_kept():
    database = database_from_url("sqlite:////tmp/x.sqlite3")

    assert database == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": Path("/tmp/x.sqlite3"),  # noqa: S108  (a path in a URL, no file is touched)
    }, "BUG: the fourth slash is stripped, so an absolute path lands under BASE_DIR."


def test_database_from_url_postgres_is_split_and_unquoted(monkeypatch):
    monkeypatch.delenv("DATABASE_POOL_SIZE", raising=False)
    monkeypatch.delenv("DATABASE_POOL_TIMEOUT", raising=False)

    database = database_from_url("postgres://u:p%40ss@host:5433/name")

    assert database == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "name",
        "USER": "u",
        "PASSWORD": "p@ss",
        "HOST": "host",
        "PORT": "5433",
        # The pool checks a connection before lending it out (a restart closed it?).
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "options": "-c jit=off -c random_page_cost=1.1",
            "pool": {"min_size": 1, "max_size": 10, "timeout": 3, "reconnect_timeout": 10},
        },
    }


def test_database_from_url_postgresql_scheme_reads_pool_size_and_timeout(monkeypatch):
    monkeypatch.setenv("DATABASE_POOL_SIZE", "4")
    monkeypatch.setenv("DATABASE_POOL_TIMEOUT", "1")

    database = database_from_url("postgresql://stagegids@db.internal/stagegids")

    assert (database["USER"], database["PASSWORD"], database["PORT"], database["OPTIONS"]) == (
        "stagegids",
        "",
        "",
        {
            "options": "-c jit=off -c random_page_cost=1.1",
            "pool": {"min_size": 1, "max_size": 4, "timeout": 1, "reconnect_timeout": 10},
        },
    )


@pytest.mark.parametrize(
    "url",
    ["postgres://u:pw@host:5432/", "postgres://u:pw@host:5432"],
    ids=["trailing-slash", "no-path"],
)
def test_database_from_url_postgres_without_name_raises(url):
    with pytest.raises(ImproperlyConfigured) as excinfo:
        database_from_url(url)

    assert str(excinfo.value) == "DATABASE_URL must name the database: postgres://…/name"


def test_database_from_url_unknown_scheme_raises():
    with pytest.raises(ImproperlyConfigured) as excinfo:
        database_from_url("mysql://u:pw@host/name")

    assert str(excinfo.value) == "DATABASE_URL scheme 'mysql' is not supported."


# --- the real settings with production values ------------------------------------------


POSTGRES_URL = "postgres://stagegids:stagegids@127.0.0.1:5432/stagegids"
# Prints the DEBUG that manage.py ends up with; opens no database connection.
PRINT_DEBUG = [
    "shell",
    "--no-imports",
    "-c",
    "from django.conf import settings; print(settings.DEBUG)",
]


def _manage_py_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return _manage_py(["check", "--deploy", "--fail-level", "WARNING"], env)


def _manage_py(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        # A clean environment: the test settings set SECRET_KEY and friends in os.environ.
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "stagegids.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_with_production_values_has_no_issues():
    env = {
        "SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
        "ALLOWED_HOSTS": "stagegids.example.nl",
        # Checking opens no connection, so this file is never created.
        "DATABASE_URL": "sqlite:///tmp-check.sqlite3",
    }

    result = _manage_py_check(env)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_settings_with_debug_off_and_no_secret_key_refuse_to_start_naming_it():
    env = {
        "DEBUG": "0",
        "ALLOWED_HOSTS": "stagegids.example.nl",
        "DATABASE_URL": "sqlite:///tmp-check.sqlite3",
    }

    result = _manage_py_check(env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the environment variable SECRET_KEY." in result.stderr


def test_manage_py_without_any_configuration_runs_as_a_development_checkout():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected"), result.stderr


@pytest.mark.parametrize(
    ("env", "debug"),
    [
        ({}, "True"),
        ({"DATABASE_URL": "sqlite:///tmp-check.sqlite3"}, "True"),
        ({"DATABASE_URL": "sqlite:///tmp-check.sqlite3", "SECRET_KEY": "k" * 50}, "False"),
        ({"DATABASE_URL": POSTGRES_URL, "DEBUG": "1"}, "True"),
        ({"DATABASE_URL": POSTGRES_URL, "SECRET_KEY": "k" * 50}, "False"),
    ],
    ids=[
        "sqlite-default",
        "sqlite-url",
        "sqlite-with-secret-key",
        "postgres-with-debug",
        "postgres-with-secret-key",
    ],
)
def test_manage_py_turns_debug_on_only_on_sqlite_without_secret_key(env, debug):
    result = _manage_py(PRINT_DEBUG, env)

    assert (result.returncode, result.stdout.strip()) == (0, debug), result.stderr


def test_manage_py_on_postgres_without_secret_key_keeps_debug_off_and_refuses_naming_it():
    result = _manage_py(PRINT_DEBUG, {"DATABASE_URL": POSTGRES_URL})

    # With DEBUG off the settings demand a SECRET_KEY, so nothing gets to print DEBUG.
    assert (result.returncode, result.stdout) == (1, "")
    assert "ImproperlyConfigured: Set the environment variable SECRET_KEY." in result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_connections_run_without_jit_and_cost_random_reads_as_ssd():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone()
        cursor.execute("SHOW random_page_cost")
        (random_page_cost,) = cursor.fetchone()

    assert (jit, random_page_cost) == ("off", "1.1")
