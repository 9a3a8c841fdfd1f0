"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, start it on a
unix socket there, hand out one empty schema per test, stop and delete it at the end.

Finds ``initdb``/``pg_ctl`` on PATH or in Debian's ``/usr/lib/postgresql/<version>/bin``.
initdb refuses to run as root, so as root the server runs as the ``postgres`` system user
(Debian's package creates it) or ``nobody``, through ``runuser``. ``FOGOFWAR_TEST_POSTGRES``
(a libpq URL to a database where the tests may create schemas) uses a running server instead.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

TEST_DB = "fogofwar_test"
SUPERUSER = "fogofwar"
URL_ENV = "FOGOFWAR_TEST_POSTGRES"


class NoServer(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def find_bin_dir() -> Path | None:
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)  # fmt: skip
    return Path(versions[-1]).parent if versions else None


def _run_as(user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--"] if user else []


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise NoServer("running as root and neither a 'postgres' nor a 'nobody' user exists for initdb")


class PgServer:
    """A server started here (``start``) or one named by ``$FOGOFWAR_TEST_POSTGRES``."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable  # False: fsync off (tests); True: PostgreSQL's defaults (benchmarks)
        self.base_url = os.environ.get(URL_ENV) or None
        self.root: Path | None = None
        self._user: str | None = None
        self._bin: Path | None = None
        self._schemas = itertools.count(1)

    def start(self) -> None:
        import psycopg  # noqa: F401 - a missing driver is a reason to skip, said in the message

        if self.base_url:
            return
        self._bin = find_bin_dir()
        if self._bin is None:
            raise NoServer("initdb/pg_ctl not found; install Debian's postgresql package "
                           f"(apt-get install postgresql) or set {URL_ENV}")  # fmt: skip
        self._user = _server_user()
        self.root = Path(tempfile.mkdtemp(prefix="fogpg"))  # short: a socket path has ~100 chars
        if self._user:
            shutil.chown(self.root, self._user)
        data, log = self.root / "data", self.root / "server.log"
        self._pg(["initdb", "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync",
                  "-E", "UTF8", "--locale=C"])  # fmt: skip
        options = f"-k {self.root} -c listen_addresses='' -c max_connections=300"
        options += "" if self.durable else " -F"
        try:
            self._pg(["pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"])
        except NoServer as exc:
            tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
            raise NoServer(f"{exc} {' '.join(tail)}") from None
        self.base_url = f"postgresql:///postgres?host={quote(str(self.root))}&user={SUPERUSER}"
        self.admin("CREATE DATABASE " + TEST_DB)
        self.base_url = f"postgresql:///{TEST_DB}?host={quote(str(self.root))}&user={SUPERUSER}"

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            self._pg(["pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"])
        except NoServer:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def admin(self, sql: str) -> None:
        import psycopg

        assert self.base_url
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(sql)

    def fresh_url(self) -> str:
        """The URL of a new, empty schema: each test gets a ledger of its own."""
        assert self.base_url
        schema = f"t{os.getpid()}_{next(self._schemas)}"
        self.admin(f"CREATE SCHEMA {schema}")
        joint = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{joint}options={quote(f'-csearch_path={schema}')}"

    def _pg(self, argv: list[str]) -> None:
        assert self._bin is not None
        command = _run_as(self._user) + [str(self._bin / argv[0]), *argv[1:]]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root, timeout=120,
                              check=False)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise NoServer(f"{argv[0]} failed: {lines[-1] if lines else done.returncode}")
