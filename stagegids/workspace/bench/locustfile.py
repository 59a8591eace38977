"""What one simulated user of ``make bench`` does: log in through the real login form,
then ask for one page (``BENCH_PATH``) again and again, without pause.

Run by ``stagegids.workspace.bench.run``, one locust process per page; it needs nothing
of Django. The environment says what to do:

- ``BENCH_PATH``: the page, e.g. ``/placements/``; several, comma-separated, are asked
  for in turn (the warm-up);
- ``BENCH_EMAIL`` and ``BENCH_PASSWORD``: the login; no ``BENCH_EMAIL``: anonymous;
- ``BENCH_SECONDS``: how long to measure, counted from the moment the last simulated
  user has logged in (the statistics start afresh then, so the logins, slow by design,
  count neither in the throughput nor in the times); locust's ``--run-time`` is only
  the limit in case a login hangs.

The bench plays the TLS proxy of a deployment: it speaks plain http to gunicorn on
loopback and says ``X-Forwarded-Proto: https`` (which ``SECURE_PROXY_SSL_HEADER``
trusts, so nothing is redirected) and ``X-Forwarded-For`` with an address of its own
for each simulated user (read with ``TRUSTED_PROXY_COUNT=1``, so the login limit per
address counts each user, as it would count real clients). Only requests named
``page`` are the measurement.
"""

import itertools
import os
import re
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, constant, task

PATHS = [path for path in os.environ.get("BENCH_PATH", "/healthz").split(",") if path]
EMAIL = os.environ.get("BENCH_EMAIL", "")
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_numbers = itertools.count(1)
_started = itertools.count(1)


class PortalUser(FastHttpUser):
    wait_time = constant(0)  # closed loop: the next request as soon as one is answered

    def on_start(self) -> None:
        number = next(_numbers)
        self.client.cookiejar.set_policy(
            # The cookies are Secure (https behind the proxy), but this side of the
            # proxy is plain http: send them back anyway, as the proxy would.
            DefaultCookiePolicy(secure_protocols=("https", "http"))
        )
        self.headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.0.{number // 250}.{number % 250 + 1}",
        }
        self.paths = itertools.cycle(PATHS)
        if EMAIL:
            self.log_in()
        if next(_started) == self.environment.parsed_options.num_users:
            # Everyone is in: measure from now on, for SECONDS.
            self.environment.runner.stats.reset_all()
            gevent.spawn_later(SECONDS, self.environment.runner.quit)

    def log_in(self) -> None:
        form = self.client.get("/accounts/login/", headers=self.headers, name="login")
        token = CSRF_FIELD.search(form.text or "")
        with self.client.post(
            "/accounts/login/",
            data={
                "login": EMAIL,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            # Behind https Django checks that the form came from this site.
            headers={**self.headers, "Referer": f"https://{self.host_name}/accounts/login/"},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                # Shows as this user's pages failing (a redirect to the login form).
                answer.failure(f"login answered {answer.status_code}, not a redirect")

    @property
    def host_name(self) -> str:
        return self.host.split("://", 1)[-1].rstrip("/")

    @task
    def page(self) -> None:
        with self.client.get(
            next(self.paths),
            headers=self.headers,
            allow_redirects=False,
            name="page",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"answered {answer.status_code}")
