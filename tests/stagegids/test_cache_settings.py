"""The shared cache (login limits, the pupil lookup limit): the database by default,
Redis by CACHE_URL, anything else refused at start-up."""

import json
import subprocess
import sys

from stagegids.settings import BASE_DIR

SHOW_CACHE = (
    "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"
)


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW_CACHE],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cache_default_is_the_database_shared_by_every_process():
    result = _settings_with({})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "stagegids_cache",
        # Room for the cached pages of a few thousand users (Django's default is 300).
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


def test_cache_url_with_redis_uses_redis():
    result = _settings_with({"CACHE_URL": "redis://127.0.0.1:6379/2"})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
    }


def test_cache_url_of_another_kind_stops_the_start_up_naming_it():
    result = _settings_with({"CACHE_URL": "memcached://127.0.0.1:11211"})

    assert result.returncode != 0
    assert "CACHE_URL must be a redis:// (or rediss://) URL." in result.stderr
