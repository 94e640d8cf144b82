"""Headings as PDF bookmarks (an outline), so a clinician can jump to a section.

Qt's PDF writer does not write outlines; this adds one to the finished PDF with ``pypdf``.
Each entry points at its heading's page and height, nested by heading level.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Fit, IndirectObject

OUTLINE_LEVELS = 3  # h1 to h3; smaller headings would crowd the outline


def add_outline(pdf: bytes, headings: Sequence[tuple[int, str, int, float]]) -> bytes:
    """``pdf`` with an outline of ``headings``: (level, text, page index, points from the
    page's top). Returns the PDF unchanged when there is nothing to add."""
    entries = [h for h in headings if h[0] <= OUTLINE_LEVELS and h[1]]
    if not entries:
        return pdf
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    parents: list[tuple[int, IndirectObject]] = []
    for level, text, page, from_top in entries:
        while parents and parents[-1][0] >= level:
            parents.pop()
        mediabox = writer.pages[page].mediabox
        top = float(mediabox.top) - from_top
        item = writer.add_outline_item(
            title=text,
            page_number=page,
            parent=parents[-1][1] if parents else None,
            fit=Fit.xyz(left=float(mediabox.left), top=top),
        )
        parents.append((level, item))
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
