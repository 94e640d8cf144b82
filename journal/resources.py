"""The one module that knows where ``resources/`` lives: in a checkout, or inside the wheel."""

from __future__ import annotations

from importlib import resources as _importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent / "resources"


def root() -> Traversable:
    """The resources folder: the installed ``journal._resources`` package, else the checkout's."""
    try:
        installed = _importlib_resources.files("journal._resources")
    except ModuleNotFoundError:
        return _CHECKOUT
    return installed if installed.is_dir() else _CHECKOUT


def path(*parts: str) -> Traversable:
    """A file or folder below the resources root."""
    node = root()
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def card_files() -> list[Traversable]:
    """Every card file (``resources/cards/*.md``), sorted by name."""
    folder = path("cards")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".md")), key=lambda f: f.name)
