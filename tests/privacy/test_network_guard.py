"""No network: the suite's guard refuses connections, and the package imports no network code."""

from __future__ import annotations

import importlib
import pkgutil
import socket
import subprocess
import sys

import pytest

import journal


def test_the_guard_refuses_a_connection() -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("192.0.2.1", 9))  # TEST-NET-1: never routable anyway
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(AssertionError, match="network"):
            sock.connect(("192.0.2.1", 9))
        with pytest.raises(AssertionError, match="network"):
            sock.connect_ex(("192.0.2.1", 9))
    with pytest.raises(AssertionError, match="network"):
        socket.getaddrinfo("example.org", 443)


# Modules that exist to talk over a network. ``socket`` itself is not listed: the standard
# library imports it for local things (logging, multiprocessing, asyncio's self-pipe) and
# Qt/matplotlib bring it; what matters is that no HTTP/URL/mail client is pulled in.
NETWORK_MODULES = (
    "urllib.request",
    "http.client",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc.client",
    "websocket",
    "socketserver",
)

PROBE = """
import importlib, pkgutil, sys, json
import journal
# journal.__main__ *runs* the app when imported (that is its job), so it is left out.
names = [m.name for m in pkgutil.walk_packages(journal.__path__, "journal.")
         if not m.name.endswith("__main__")]
failed = []
for name in names:
    try:
        importlib.import_module(name)
    except Exception as error:  # report, do not hide: a module that cannot import is a bug
        failed.append(f"{name}: {type(error).__name__}")
print(json.dumps({"modules": names, "failed": failed, "loaded": sorted(sys.modules)}))
"""


def test_importing_every_journal_module_loads_no_network_client() -> None:
    # A fresh interpreter, so what pytest and its plugins imported does not count.
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout.splitlines()[-1])
    assert len(report["modules"]) > 10
    assert report["failed"] == []
    loaded = set(report["loaded"])
    assert sorted(loaded.intersection(NETWORK_MODULES)) == []


def test_walk_covers_the_storage_and_services_in_process() -> None:
    names = {m.name for m in pkgutil.walk_packages(journal.__path__, "journal.")}
    assert {"journal.storage.cipher", "journal.services.journal_service", "journal.cli"} <= names
    for name in ("journal.storage.cipher", "journal.storage.journal_file", "journal.cli"):
        importlib.import_module(name)
