"""A real Neo4j Community server on this machine, without Docker.

The server and Neo4j Browser are jars on Maven Central (`org.neo4j:neo4j`,
`org.neo4j.client:neo4j-browser`). `fetch` resolves them with Maven into a cache outside the
repository; `start` writes a `neo4j.conf` under the project-local data folder, sets the initial
password from configuration and launches `org.neo4j.server.CommunityEntryPoint` with the JVM flags
the official launcher passes.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError, LocalNeo4jError
from kg.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# Servers this process started, by pid, until some `LocalNeo4j.stop` (of any instance) stops them.
_STARTED: dict[int, subprocess.Popen[bytes]] = {}
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The flags `bin/neo4j` passes (server.jvm.additional in the shipped neo4j.conf).
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)

POM_TEMPLATE = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kg.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{server}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version>
    </dependency>
  </dependencies>
</project>
"""


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    home: Path
    managed: bool

    def describe(self) -> str:
        if not self.managed:
            return f"external Neo4j at {self.bolt_uri} (KG_NEO4J_URI is set; nothing runs locally)"
        if not self.running:
            return f"local Neo4j is not running (home {self.home})"
        return f"local Neo4j runs as pid {self.pid}: Bolt {self.bolt_uri}, Browser {self.browser_url}"


class LocalNeo4j:
    """The server that `kg neo4j start|stop|status` manages, configured from `Settings`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.neo4j_home.resolve()
        self.lib = (
            settings.cache_dir / f"neo4j-{settings.neo4j_version}-browser-{settings.neo4j_browser_version}"
        ).expanduser().resolve() / "lib"

    # -- paths ---------------------------------------------------------------------------------
    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # -- fetch ---------------------------------------------------------------------------------
    def is_fetched(self) -> bool:
        return (self.lib / ".complete").exists()

    def fetch(self) -> Path:
        """Resolve the server and Browser jars from Maven Central into the cache (once)."""
        if self.is_fetched():
            return self.lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise LocalNeo4jError("Maven (mvn) is not on PATH: it is needed to fetch Neo4j from Maven Central")
        build = self.lib.parent
        build.mkdir(parents=True, exist_ok=True)
        (build / "pom.xml").write_text(
            POM_TEMPLATE.format(server=self.settings.neo4j_version, browser=self.settings.neo4j_browser_version)
        )
        done = subprocess.run(
            [mvn, "-q", "-B", "dependency:copy-dependencies", f"-DoutputDirectory={self.lib}"],
            cwd=build,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
            raise LocalNeo4jError(f"Maven could not fetch Neo4j {self.settings.neo4j_version}:\n{tail}")
        (self.lib / ".complete").write_text(self.settings.neo4j_version)
        return self.lib

    # -- configure -----------------------------------------------------------------------------
    def write_conf(self) -> Path:
        s = self.settings
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        lines = [
            "# Written by `kg neo4j start`; edit the KG_NEO4J_* settings instead.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{s.neo4j_bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{s.neo4j_bolt_port}",
            f"server.http.listen_address=127.0.0.1:{s.neo4j_http_port}",
            f"server.http.advertised_address=127.0.0.1:{s.neo4j_http_port}",
            "server.https.enabled=false",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            f"server.directories.run={self.home / 'run'}",
            f"server.directories.plugins={self.home / 'plugins'}",
            f"server.directories.import={self.home / 'import'}",
            f"server.memory.heap.initial_size={s.neo4j_heap}",
            f"server.memory.heap.max_size={s.neo4j_heap}",
            f"server.memory.pagecache.size={s.neo4j_pagecache}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "db.transaction.timeout=120s",
            "server.jvm.additional=" + " ".join(JVM_FLAGS),
        ]
        conf = self.conf_dir / "neo4j.conf"
        conf.write_text("\n".join(lines) + "\n")
        return conf

    def _java(self) -> str:
        java = shutil.which("java")
        if java is None:
            raise LocalNeo4jError("java is not on PATH: Neo4j 5.26 needs Java 17 or 21")
        return java

    def _env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}

    def set_initial_password(self) -> None:
        """Set the password before the very first start (Neo4j ignores it afterwards)."""
        if (self.home / "data" / "dbms" / "auth.ini").exists() or (self.home / "data" / "databases").exists():
            return
        password = self.settings.neo4j_password
        if password is None:
            raise ConfigError("KG_NEO4J_PASSWORD is not set: put it in the environment or in .env")
        if len(password.get_secret_value()) < 8:
            raise ConfigError("KG_NEO4J_PASSWORD must have at least 8 characters (a Neo4j rule)")
        done = subprocess.run(
            [self._java(), "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password",
             "--", password.get_secret_value()],  # "--": a password may start with "-" (token_urlsafe does)
            env=self._env(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise LocalNeo4jError(f"could not set the initial password: {done.stderr.strip()[-300:]}")

    # -- run -----------------------------------------------------------------------------------
    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        return pid

    def status(self) -> Status:
        s = self.settings
        pid = self.pid() if s.manages_local_neo4j else None
        return Status(
            running=pid is not None and port_open(s.neo4j_bolt_port),
            pid=pid,
            bolt_uri=s.bolt_uri,
            browser_url=s.browser_url,
            home=self.home,
            managed=s.manages_local_neo4j,
        )

    def start(self, *, timeout: float = 180.0) -> Status:
        """Start the server and wait until Bolt answers; a no-op when it already runs."""
        if not self.settings.manages_local_neo4j:
            return self.status()
        if self.pid() is not None:
            self._wait_for_bolt(timeout)
            return self.status()
        for port in (self.settings.neo4j_bolt_port, self.settings.neo4j_http_port):
            if port_open(port):
                raise LocalNeo4jError(f"port {port} on 127.0.0.1 is taken by another program")
        self.fetch()
        self.write_conf()
        self.set_initial_password()
        heap = self.settings.neo4j_heap
        command = [self._java(), f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{self.lib}/*",
                   ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.conf_dir}"]  # fmt: skip
        with self.console_log.open("ab") as log:
            process = subprocess.Popen(
                command, env=self._env(), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self.pid_file.write_text(str(process.pid))
        _STARTED[process.pid] = process  # held while the server runs: a dropped running Popen is a ResourceWarning
        self._wait_for_bolt(timeout, process)
        return self.status()

    def _wait_for_bolt(self, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_open(self.settings.neo4j_bolt_port):
                return
            if process is not None and process.poll() is not None:
                raise LocalNeo4jError(f"Neo4j exited with status {process.returncode}:\n{self._log_tail()}")
            time.sleep(0.5)
        raise LocalNeo4jError(f"Neo4j did not open Bolt within {timeout:.0f} s:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 8) -> str:
        for log in (self.home / "logs" / "neo4j.log", self.console_log):
            if log.exists():
                text = log.read_text(errors="replace").strip().splitlines()
                if text:
                    return "\n".join(text[-lines:])
        return "(no log output)"

    def stop(self, *, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL after `timeout`). False if none ran."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        started = _STARTED.pop(pid, None)
        if started is not None:  # reaped by `_alive`: poll() records that, so the Popen is not reported
            started.poll()
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """`kill -9` the server, as a crash would, and reap it; the store is left as the crash left it."""
        pid = self.pid()
        if pid is None:
            raise LocalNeo4jError("the local Neo4j is not running")
        os.kill(pid, signal.SIGKILL)
        started = _STARTED.pop(pid, None)
        if started is not None:
            started.wait()
        while _alive(pid):  # not started by this process: wait until it is gone
            time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)

    # -- offline import ------------------------------------------------------------------------
    def import_full(
        self,
        database: str,
        nodes: list[tuple[str, Path]],
        relationships: list[tuple[str, Path]],
        *,
        options: tuple[str, ...] = (),
        report: Path | None = None,
    ) -> str:
        """`neo4j-admin database import full` into `database`, replacing it; the server must be stopped.

        `nodes` and `relationships` are (label or type, CSV file); an empty label means the file has a
        `:LABEL` column. Returns the importer's summary (its last lines); a failed import raises with them.
        """
        if self.pid() is not None:
            raise LocalNeo4jError("the local Neo4j is running: stop it before an offline import")
        self.fetch()
        self.write_conf()
        command = [self._java(), f"-Xmx{self.settings.neo4j_heap}", "-cp", f"{self.lib}/*", ADMIN_TOOL,
                   "database", "import", "full", database, "--overwrite-destination=true",
                   *(f"--nodes={label}={path}" if label else f"--nodes={path}" for label, path in nodes),
                   *(f"--relationships={rel}={path}" for rel, path in relationships),
                   f"--report-file={report or self.home / 'logs' / 'import.report'}", *options]  # fmt: skip
        done = subprocess.run(command, env=self._env(), capture_output=True, text=True, check=False)
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])
        if done.returncode != 0:
            raise LocalNeo4jError(f"neo4j-admin database import failed (status {done.returncode}):\n{tail}")
        return tail


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child of this process counts as gone
        waited, _ = os.waitpid(pid, os.WNOHANG)
        return waited == 0
    except ChildProcessError:
        return True


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0
