"""Figures to image bytes, for reports and previews (no GUI, no pyplot)."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

PRINT_DPI = 200


def render_png(figure: Figure, dpi: int = PRINT_DPI) -> bytes:
    """The figure as PNG bytes at ``dpi``, on its own background colour.

    ``savefig`` uses a temporary Agg canvas when the figure's own canvas is not Agg, so a
    figure shown in the GUI can be rendered for a report without disturbing the widget.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()
