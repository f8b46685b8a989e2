"""A real server for the reliability tests: gunicorn in its own processes, serving the test
database this test run uses (SQLite or PostgreSQL, whichever DATABASE_URL says), on loopback only.

On SQLite pytest-django's test database lives in memory, where no other process can reach it; a
test copies it to a file (SQLite's backup API, milliseconds) and both the test and gunicorn use
that file until the test ends. On PostgreSQL both use the test database pytest-django made.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from django.db import connection

from tests.reliability.load import Visitor

REPOSITORY = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _database_url_for_gunicorn(sqlite_path: Path | None) -> str:
    if sqlite_path is not None:
        return f"sqlite:///{sqlite_path}"
    settings = connection.settings_dict
    user = urllib.parse.quote(settings["USER"] or "")
    password = urllib.parse.quote(settings["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return (
        f"postgres://{credentials}{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        f"/{settings['NAME']}"
    )


@pytest.fixture
def served_database(transactional_db, tmp_path):
    """The database gunicorn will serve, committed and shared with this test: its DATABASE_URL."""
    if on_postgresql():
        yield _database_url_for_gunicorn(None)
        return
    path = tmp_path / "served.sqlite3"
    connection.ensure_connection()
    in_memory = connection.connection
    copy = sqlite3.connect(path)
    in_memory.backup(copy)
    copy.close()
    # Set the in-memory connection aside without closing it: closing would lose the test
    # database that the rest of the run uses.
    memory_name = connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield _database_url_for_gunicorn(path)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = memory_name
        connection.connection = in_memory


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the site on 127.0.0.1; `worker_pids()` for the kill test."""

    def __init__(self, database_url: str, workers: int, log: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            # Each simulated person comes through "a load balancer" with their own address, as
            # they would in production, so that the per-client rate limits count each of them.
            "TRUSTED_PROXY_COUNT": "1",
        }
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(GUNICORN),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--preload",
                "--timeout",
                "60",
                "--graceful-timeout",
                "2",
                "--no-control-socket",
                "--backlog",
                "256",
            ],
            cwd=REPOSITORY,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            try:
                status, _, _ = Visitor(self.base).get("/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in time: {self.log.read_text()[-3000:]}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # quick shutdown: nothing to finish
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def live_site(served_database, tmp_path):
    """Start gunicorn (`live_site(workers=3)`) on the served database; stopped after the test."""
    servers = []

    def start(workers: int = 3) -> Server:
        server = Server(served_database, workers, tmp_path / f"gunicorn-{len(servers)}.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def open_survey(served_database):
    """A one-page survey open today, with the site around it, in the served database."""
    from cms.starter import build_site
    from surveys.models import Layout
    from tests.surveys.factories import SurveyIndexPageFactory, SurveyPageFactory, open_cycle

    home = build_site()
    cycle = open_cycle()
    index = SurveyIndexPageFactory(parent=home)
    return SurveyPageFactory(
        parent=index,
        title="Your voice",
        slug="your-voice",
        cycle=cycle,
        layout=Layout.ONE_PAGE,
        asks_who_is_helping=False,
    )


@pytest.fixture
def one_page_survey(home_page):
    """The same survey in the ordinary test database, for tests through Django's test client."""
    from surveys.models import Layout
    from tests.surveys.factories import SurveyIndexPageFactory, SurveyPageFactory, open_cycle

    cycle = open_cycle()
    return SurveyPageFactory(
        parent=SurveyIndexPageFactory(parent=home_page),
        title="Your voice",
        slug="your-voice",
        cycle=cycle,
        layout=Layout.ONE_PAGE,
        asks_who_is_helping=False,
    )
