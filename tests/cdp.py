"""Drive headless Chromium over the DevTools protocol, with a small standard-library WebSocket client.

Enough for tests that must run JavaScript in a real page (Neo4j Browser) and read its state back:
`with devtools_page() as page: page.navigate(url); page.evaluate("document.title")`.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.chromium import FLAGS, chromium


class DevToolsPage:
    """One page target: send a command, wait for its answer (events arriving meanwhile are kept)."""

    def __init__(self, ws_url: str, timeout: float = 60.0) -> None:
        host_port, path = ws_url.removeprefix("ws://").split("/", 1)
        host, port = host_port.rsplit(":", 1)
        self._sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self._sock.sendall(
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += self._exactly(1)
        assert b" 101 " in answer.split(b"\r\n", 1)[0], answer
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._sock.recv(size - len(data))
            if not chunk:
                raise EOFError("DevTools closed the connection")
            data += chunk
        return data

    def _send(self, message: dict[str, Any]) -> None:
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        size = len(payload)
        if size < 126:
            header = bytes([0x81, 0x80 | size])
        elif size < 1 << 16:
            header = bytes([0x81, 0x80 | 126]) + struct.pack(">H", size)
        else:
            header = bytes([0x81, 0x80 | 127]) + struct.pack(">Q", size)
        self._sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive(self) -> dict[str, Any]:
        message = b""
        while True:
            first, second = self._exactly(2)
            size = second & 0x7F
            if size == 126:
                size = struct.unpack(">H", self._exactly(2))[0]
            elif size == 127:
                size = struct.unpack(">Q", self._exactly(8))[0]
            message += self._exactly(size)
            if first & 0x80:
                decoded: dict[str, Any] = json.loads(message)
                return decoded

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        self._send({"id": self._next_id, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == self._next_id:
                assert "error" not in message, message
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def navigate(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def evaluate(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return answer.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> bool:
        """Evaluate `expression` until it is truthy or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.5)
        return False

    def close(self) -> None:
        self._sock.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def devtools_page(width: int = 1400, height: int = 1000) -> Iterator[DevToolsPage]:
    """A fresh headless Chromium (own profile, own debugging port) and its first page; both closed after."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="kg-chromium-", ignore_cleanup_errors=True) as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={port}"]
        browser = subprocess.Popen(
            [*command, f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            page = DevToolsPage(_page_socket_url(port))
            try:
                page.call("Runtime.enable")
                page.call("Page.enable")
                yield page
            finally:
                page.close()
        finally:
            _stop_process_group(browser)


def _stop_process_group(browser: subprocess.Popen[bytes]) -> None:
    """Chromium's helpers (zygote, crashpad) outlive a terminated parent: end the whole group."""
    try:
        os.killpg(browser.pid, signal.SIGTERM)
        browser.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.wait(timeout=30)


def _page_socket_url(port: int, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=5) as answer:
                targets = json.load(answer)
            return str(next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page"))
        except (OSError, StopIteration):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
