"""Writes the app's interface icons as SVG files into ``resources/icons/ui/``.

    pip install qtawesome fonttools
    python scripts/extract_icons.py

A maintainer's tool, not run by the app or its tests. The icons are glyphs of two icon
fonts that the ``qtawesome`` package ships: Material Design Icons 6.9.96 (Apache License
2.0) and Font Awesome Free 5.15.4 solid (icons under CC BY 4.0). The app once drew them
through qtawesome at run time, whose ``qtpy`` layer imports every Qt class (about 28 MB
and 270 ms); as SVG files they are drawn by QtSvg, which the app loads anyway.

Each glyph is placed as qtawesome drew it: its line (ascent to descent) centred in a
square whose side is ``1 / MARGIN_SCALE`` of it, horizontally centred on the glyph's
advance. It is one black path; the app paints it in the colour it needs.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons" / "ui"

#: font prefix → (font file, charmap file) in qtawesome's ``fonts`` folder.
FONTS = {
    "mdi6": (
        "materialdesignicons6-webfont-6.9.96.ttf",
        "materialdesignicons6-webfont-charmap-6.9.96.json",
    ),
    "fa5s": (
        "fontawesome5-solid-webfont-5.15.4.ttf",
        "fontawesome5-solid-webfont-charmap-5.15.4.json",
    ),
}

#: The share of the icon's square that the font's line fills (qtawesome's default).
MARGIN_SCALE = 0.875


def _icon_names() -> list[str]:
    """Every icon the app names: the toolbar's and the triage line's."""
    sys.path.insert(0, str(ROOT))
    from journal.gui.icons import ACTION_ICONS
    from journal.gui.widgets.card_panel import TRIAGE_ICONS

    return sorted({name for name, _theme in ACTION_ICONS.values()} | set(TRIAGE_ICONS.values()))


def _glyph_svg(font: TTFont, codepoint: int) -> str:
    glyph_name = font.getBestCmap()[codepoint]
    glyphs = font.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[glyph_name].draw(pen)
    advance = font["hmtx"][glyph_name][0]
    ascent, descent = font["hhea"].ascent, font["hhea"].descent
    line = ascent - descent
    side = round(line / MARGIN_SCALE)
    left = round((advance - side) / 2)
    top = -ascent - round((side - line) / 2)
    # Font units grow upwards, SVG's downwards: flip about the baseline.
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{side}" height="{side}" viewBox="{left} {top} {side} {side}">'
        f'<path transform="scale(1,-1)" fill="#000000" d="{pen.getCommands()}"/></svg>\n'
    )


def main() -> None:
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("qtawesome is not installed: pip install qtawesome fonttools")
    fonts_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    OUT.mkdir(parents=True, exist_ok=True)
    fonts = {
        prefix: (TTFont(fonts_dir / font), json.loads((fonts_dir / charmap).read_text()))
        for prefix, (font, charmap) in FONTS.items()
    }
    for name in _icon_names():
        prefix, icon = name.split(".", 1)
        font, charmap = fonts[prefix]
        svg = _glyph_svg(font, int(charmap[icon], 16))
        (OUT / f"{name}.svg").write_text(svg)
        print(f"{name}.svg")


if __name__ == "__main__":
    main()
