"""Process-wide protections applied at start, before any journal is opened."""

from __future__ import annotations

import os


def harden_process() -> None:
    """No core dumps (they would hold decrypted pages), private files by default."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
        pass
    os.umask(0o077)
