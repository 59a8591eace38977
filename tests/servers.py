"""A real Stagegids server for tests that need one: gunicorn in a subprocess with the
production settings, and a TCP proxy in front of PostgreSQL that a test can take down
and bring back (a database restart, without restarting the shared server)."""

import contextlib
import os
import select
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

from stagegids.workspace.bench.run import free_port, gunicorn_command, stop

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    cookies: dict[str, str]


def fetch(url: str, *, method: str = "GET", headers: dict | None = None, data=None) -> Answer:
    """One request, without following redirects; any status is an answer."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)  # noqa: S310  (our own loopback server)
    try:
        with opener.open(request, timeout=30) as response:
            return _answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return _answer(error.code, error.headers, error.read())


def _answer(status: int, headers, body: bytes) -> Answer:
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    return Answer(
        status,
        dict(headers),
        body.decode(),
        {name: morsel.value for name, morsel in cookies.items()},
    )


@contextlib.contextmanager
def stagegids_server(database_url: str, *, workers: int = 1, env: dict | None = None):
    """gunicorn serving Stagegids on a free loopback port, with DEBUG off, against
    ``database_url``; yields its base URL (``http://127.0.0.1:<port>``) and stops it
    afterwards. Its log (stderr) is in ``server.log`` of the yielded object."""
    port = free_port()
    server_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        # The production settings, but static files without collectstatic's manifest.
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "SECRET_KEY": "server-tests-only-" + "s" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_POOL_TIMEOUT": "1",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    log = (BASE_DIR / "test-artifacts").joinpath(f"server-{port}.log")
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as log_file:
        process = subprocess.Popen(
            gunicorn_command(port, workers=workers, timeout=30),
            cwd=BASE_DIR,
            env=server_env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", log)
        try:
            _wait_for_port(port, process)
            yield server
        finally:
            stop(process, timeout=15)
    log.unlink(missing_ok=True)


@dataclass
class Server:
    url: str
    log: Path

    def get(self, path: str, **kwargs) -> Answer:
        return fetch(self.url + path, **kwargs)

    def log_text(self) -> str:
        return self.log.read_text()


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit code {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("gunicorn did not start listening")


class TcpProxy:
    """Forwards a free loopback port to ``target`` (PostgreSQL). ``down()`` closes every
    forwarded connection and refuses new ones, as a database that stopped would;
    ``up()`` listens again, as one that started again."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone does not.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            connections, self._connections = self._connections, []
        for sock in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while True:
                readable, _, _ = select.select([a, b], [], [], 1.0)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in (a, b):
                with contextlib.suppress(OSError):
                    sock.close()


@contextlib.contextmanager
def tcp_proxy(target: tuple[str, int]) -> Iterator[TcpProxy]:
    proxy = TcpProxy(target)
    proxy.up()
    try:
        yield proxy
    finally:
        proxy.down()
