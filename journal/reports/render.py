"""One ``QTextDocument`` per report, for the preview, the printer and PDF alike.

``build_document`` turns a report model into a document whose charts are crisp image
resources (rendered at ``CHART_DPI`` and sized to the page's text width). Painting is
done page by page (``paint_document``): the document is laid out for the target device,
each page drawn with ``drawContents`` and a footer "page N of M" added, so the preview,
the printout and the PDF are the same pages.

Paper is A4, or Letter where the locale measures in US units.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from journal.charts import draw_cycle_chart, draw_timeline
from journal.domain.dates import DATES
from journal.reports.content import AppointmentSummary, EpisodeReport
from journal.reports.html import (
    CYCLES_URL,
    TIMELINE_URL,
    episode_html,
    summary_html,
)
from journal.reports.outline import add_outline
from journal.storage.errors import StorageFailure
from journal.storage.files import write_private_file

Report = EpisodeReport | AppointmentSummary

MARGINS_MM = QMarginsF(18.0, 15.0, 18.0, 12.0)
FOOTER_MM = 10.0
CHART_DPI = 200
PDF_RESOLUTION = 600
# Image sizes in the HTML are in layout pixels: Qt scales them by device dpi / 96.
LAYOUT_DPI = 96.0
# Charts are drawn on a wider canvas than the text column and scaled down to fit it, so
# the GUI's legends and labels fit on paper (at about 85 % of their screen size).
CHART_WIDTH_IN = 8.0
TIMELINE_HEIGHT_IN = 2.5
CYCLE_ROW_IN = 0.24
CYCLE_BASE_IN = 1.2
CYCLE_MAX_IN = 8.0

_PAGE_SIZE_PROPERTY = "healthJournalPageSize"
_FOOTER_PROPERTY = "healthJournalFooter"

_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """A ``QGuiApplication`` for fonts and images; offscreen when there is no display."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["health-journal"])


def locale_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale uses US measurements (US, Canada's printers, …), else A4."""
    system = (locale or QLocale()).measurementSystem()
    if system == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    return QPageLayout(
        page_size or locale_page_size(),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def document_page_layout(document: QTextDocument) -> QPageLayout:
    """The page layout a document was built for."""
    size_id = document.property(_PAGE_SIZE_PROPERTY)
    if isinstance(size_id, int):
        return page_layout(QPageSize(QPageSize.PageSizeId(size_id)))
    return page_layout()


def report_font(points: float) -> QFont:
    """The reports' font, without ligatures: "fi" and "fl" stay two letters in the PDF's
    text, so a search for "inflamed" finds it and copied text reads as typed."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    for feature in ("liga", "clig", "dlig", "hlig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _footer(report: Report) -> str:
    generated = DATES.short(report.generated)
    if isinstance(report, AppointmentSummary):
        return f"Health Journal · appointment summary · generated {generated}"
    return f"Health Journal · episode report (ref. {report.reference}) · generated {generated}"


def _text_width_inches(layout: QPageLayout) -> float:
    return layout.paintRect(QPageLayout.Unit.Inch).width()


# --------------------------------------------------------------------------- building


def _chart_image(figure: Figure) -> QImage:
    """``figure`` drawn at ``CHART_DPI`` straight from Agg's pixel buffer into a ``QImage``.

    Skips the PNG encode and decode of ``render_png`` (about a third of the chart time).
    An opaque figure becomes an RGB image, which the PDF engine embeds without the soft
    mask (and its second compression) it writes for images with an alpha channel.
    """
    figure.set_dpi(CHART_DPI)
    canvas = FigureCanvasAgg(figure)  # a fresh report figure: no GUI canvas to disturb
    canvas.draw()  # type: ignore[no-untyped-call]
    buffer = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    height, width = buffer.shape[0], buffer.shape[1]
    image = QImage(bytes(buffer), width, height, width * 4, QImage.Format.Format_RGBA8888)
    opaque = to_rgba(figure.get_facecolor())[3] >= 1.0
    # convertToFormat and copy both detach from the temporary bytes.
    return image.convertToFormat(QImage.Format.Format_RGB32) if opaque else image.copy()


def _summary_charts(summary: AppointmentSummary) -> tuple[QImage, QImage]:
    timeline = Figure(figsize=(CHART_WIDTH_IN, TIMELINE_HEIGHT_IN))
    draw_timeline(timeline, summary.timeline, summary.start, summary.end)
    rows = max(1, len(summary.cycle_rows))
    height = min(CYCLE_MAX_IN, CYCLE_BASE_IN + CYCLE_ROW_IN * rows)
    cycles = Figure(figsize=(CHART_WIDTH_IN, height))
    draw_cycle_chart(cycles, list(summary.cycle_rows))
    return _chart_image(timeline), _chart_image(cycles)


def build_document(report: Report, page_size: QPageSize | None = None) -> QTextDocument:
    """The report as a document ready to preview, print or save; paper from the locale."""
    ensure_gui_application()
    layout = page_layout(page_size)
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setProperty(_PAGE_SIZE_PROPERTY, int(layout.pageSize().id().value))
    document.setProperty(_FOOTER_PROPERTY, _footer(report))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report.title)
    document.setDefaultFont(report_font(10.0))
    width_in = _text_width_inches(layout)
    document.setPageSize(QSizeF(width_in * LAYOUT_DPI, 0))
    if isinstance(report, AppointmentSummary):
        timeline, cycles = _summary_charts(report)
        width_px = round(width_in * LAYOUT_DPI)
        for url, image in ((TIMELINE_URL, timeline), (CYCLES_URL, cycles)):
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        html = summary_html(
            report,
            chart_width=width_px,
            timeline_height=round(width_px * timeline.height() / timeline.width()),
            cycles_height=round(width_px * cycles.height() / cycles.width()),
        )
    else:
        html = episode_html(report)
    document.setHtml(html)
    return document


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class Slice:
    """One page: the band of the laid-out document from ``top`` to ``bottom``, under a
    repeated table header (``header``: its band) when a table continues from the page
    before."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None

    @property
    def header_height(self) -> float:
        return self.header[1] - self.header[0] if self.header else 0.0


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the laid-out document, for the PDF's outline."""

    level: int
    text: str
    y: float


@dataclass(slots=True)
class _Item:
    """A top-level piece of the document (a paragraph, heading, image or table)."""

    top: float
    bottom: float
    keep_with_next: bool
    break_before: bool
    rows: tuple[float, ...] = ()  # where a table may break between its rows
    header: tuple[float, float] | None = None  # a table's header row, repeated on each page
    continues: bool = False  # a headerless piece of the table before it


_IMAGE = "\ufffc"
_EDGE = 1.0  # device pixels kept clear of a page's cuts (see _draw_band); 1/200 inch
_LABEL = re.compile(r"\s*\[[^\]]*\]\s*$")  # a severity label ending a heading


def _items(document: QTextDocument) -> tuple[list[_Item], list[Heading]]:
    layout = document.documentLayout()
    device = layout.paintDevice()
    scale = device.logicalDpiY() / LAYOUT_DPI if device is not None else 1.0
    items: list[_Item] = []
    headings: list[Heading] = []
    # A table without a header right after a table continues it (see the summary's
    # episode table): it takes over that table's header.
    continued: tuple[float, float] | None = None
    iterator = document.rootFrame().begin()
    while not iterator.atEnd():
        frame, block = iterator.currentFrame(), iterator.currentBlock()
        if frame is not None:
            rect = layout.frameBoundingRect(frame)
            policy = frame.frameFormat().pageBreakPolicy()
            rows: tuple[float, ...] = ()
            header: tuple[float, float] | None = None
            continues = False
            if isinstance(frame, QTextTable):
                cuts = _row_cuts(frame, layout, scale)
                if frame.format().headerRowCount() and cuts:
                    header = (rect.top(), cuts[0])
                    cuts = cuts[1:]  # never a header alone at a page's foot
                elif items and items[-1].header is not None and items[-1].rows:
                    header, continues = continued, True
                rows = tuple(cuts)
                continued = header
            items.append(
                _Item(
                    rect.top(),
                    rect.bottom(),
                    keep_with_next=False,
                    break_before=bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore),
                    rows=rows,
                    header=header,
                    continues=continues,
                )
            )
        elif block.isValid() and block.length() > 1:
            # (Empty blocks are skipped: Qt places one after every table, with a bounding
            # rectangle inside the table, which would offer a cut through its last row.)
            rect = layout.blockBoundingRect(block)
            level = block.blockFormat().headingLevel()
            if level:
                text = _LABEL.sub("", block.text().replace("\xa0", " ")).strip()
                headings.append(Heading(level, text, rect.top()))
            policy = block.blockFormat().pageBreakPolicy()
            items.append(
                _Item(
                    rect.top(),
                    rect.bottom(),
                    # Headings stay with what follows them, an image with its caption.
                    keep_with_next=bool(level) or block.text() == _IMAGE,
                    break_before=bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore),
                )
            )
        iterator += 1
    items.sort(key=lambda item: item.top)
    return items, headings


def _row_cuts(table: QTextTable, layout: QAbstractTextDocumentLayout, scale: float) -> list[float]:
    """Heights between a table's rows, each inside the padding above the next row's text.

    Cells of a row start at the same height, so the first column tells where each row's
    text begins; one look-up per row keeps a thousand-row table cheap.
    """
    padding = table.format().cellPadding() * scale
    tops = [
        layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).top()
        for row in range(table.rows())
    ]
    return [top - padding for top in tops[1:]]


def paginate(document: QTextDocument, page_height: float) -> tuple[list[Slice], list[Heading]]:
    """Cut the laid-out ``document`` into pages, only where a cut splits nothing.

    Pages break between top-level pieces (paragraphs, list items, headings, images,
    tables) or between the rows of a table (the next page repeats its header); never
    inside a paragraph (Qt would print a line cut by the page's edge into the text of both
    pages), a row or an image,
    never right after a heading or a table's header, and always before a piece
    marked ``page-break-before``. Every line therefore lands on exactly one page.
    """
    items, headings = _items(document)
    end = document.documentLayout().documentSize().height()
    if not items:
        return [Slice(0.0, max(end, 1.0))], headings
    allowed, forced = _break_points(items)
    cuts = sorted(allowed)
    slices: list[Slice] = []
    top, header = 0.0, None
    while top < end - 0.5:
        room = page_height - (header[1] - header[0] if header else 0.0)
        cut = _next_cut(top, top + room, end, cuts, forced)
        slices.append(Slice(top, cut, header))
        top, header = cut, allowed.get(cut)
    return slices or [Slice(0.0, max(end, 1.0))], headings


def _break_points(
    items: Sequence[_Item],
) -> tuple[dict[float, tuple[float, float] | None], list[float]]:
    """Where the next page may start, with the table header it then repeats, and where it
    must: before a piece (unless the one before keeps with it), between a table's rows."""
    allowed: dict[float, tuple[float, float] | None] = {}
    forced: list[float] = []
    for index, item in enumerate(items):
        if index and not items[index - 1].keep_with_next:
            allowed[item.top] = item.header if item.continues else None
        if index and item.break_before:
            forced.append(item.top)
        for y in item.rows:
            allowed[y] = item.header
    return allowed, forced


def _next_cut(
    top: float, limit: float, end: float, cuts: Sequence[float], forced: Sequence[float]
) -> float:
    """The foot of the page from ``top``: a forced break, the end, or the lowest allowed cut."""
    due = [y for y in forced if top < y <= limit]
    if due:
        return min(due)
    if end <= limit:
        return end
    fitting = [y for y in cuts if top < y <= limit]
    # A piece taller than a page (never in practice) is cut at the page's foot.
    return fitting[-1] if fitting else limit


def _layout_for(document: QTextDocument, device: QPagedPaintDevice, width: float) -> QTextDocument:
    clone = document.clone()
    clone.setDocumentMargin(0)
    clone.documentLayout().setPaintDevice(device)
    clone.setTextWidth(width)
    return clone


# --------------------------------------------------------------------------- painting


def _draw_band(
    painter: QPainter,
    document: QTextDocument,
    band: tuple[float, float],
    at: float,
    width: float,
) -> None:
    """Draw the band ``band`` (top, bottom) of the laid-out document at height ``at``.

    The band is drawn a hair short of both its edges: Qt draws every line that touches the
    area into the PDF's text (even where it is clipped from sight), and the line before a
    cut ends exactly where the line after it begins.
    """
    top, bottom = band
    painter.save()
    painter.translate(0, at - top)
    document.drawContents(painter, QRectF(0, top + _EDGE, width, bottom - top - 2 * _EDGE))
    painter.restore()


def paint_document(
    document: QTextDocument,
    device: QPagedPaintDevice,
    resolution: int,
    outline: list[tuple[Heading, int, float]] | None = None,
) -> int:
    """Lay ``document`` out for ``device`` and paint every page with its footer.

    Returns the number of pages. The document itself is left untouched (a clone is laid
    out), so the same document can be previewed, printed and saved in turn. ``outline``,
    when given, receives each heading with its page index and its height on that page.
    """
    page = device.pageLayout().paintRectPixels(resolution)
    footer = FOOTER_MM / 25.4 * resolution
    body = QSizeF(page.width(), page.height() - footer)
    clone = _layout_for(document, device, body.width())
    slices, headings = paginate(clone, body.height())
    if outline is not None:
        for heading in headings:
            for index, band in enumerate(slices):
                if band.top <= heading.y < band.bottom:
                    outline.append((heading, index, heading.y - band.top + band.header_height))
                    break
    pages = len(slices)
    text = str(document.property(_FOOTER_PROPERTY) or "Health Journal")
    painter = QPainter()
    if not painter.begin(device):
        raise StorageFailure("The report could not be drawn (the printer or file refused it).")
    try:
        footer_font = report_font(7.5)
        for index, band in enumerate(slices):
            if index:
                device.newPage()
            if band.header is not None:
                _draw_band(painter, clone, band.header, 0.0, body.width())
            _draw_band(painter, clone, (band.top, band.bottom), band.header_height, body.width())
            top = body.height() + footer * 0.3
            painter.setPen(QPen(QColor("#888888"), max(1.0, resolution / 150)))
            painter.drawLine(QPointF(0, top), QPointF(body.width(), top))
            painter.setPen(QColor("#333333"))
            painter.setFont(footer_font)
            box = QRectF(0, top, body.width(), footer * 0.7)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align | Qt.AlignmentFlag.AlignLeft, text)
            painter.drawText(
                box, align | Qt.AlignmentFlag.AlignRight, f"page {index + 1} of {pages}"
            )
    finally:
        finished = painter.end()
        clone.deleteLater()
    if not finished:
        raise StorageFailure("The report could not be drawn completely; nothing was written.")
    return pages


def prepare_printer(printer: QPrinter, document: QTextDocument) -> None:
    """Give a printer the document's paper and margins (before a print or preview dialog)."""
    printer.setPageLayout(document_page_layout(document))


def print_document(document: QTextDocument, printer: QPrinter) -> int:
    """Print every page of ``document`` on ``printer`` (as set up by the print dialog)."""
    return paint_document(document, printer, printer.resolution())


def pdf_bytes(document: QTextDocument) -> tuple[bytes, int]:
    """The document as a finished PDF (pages, footers and an outline of its headings),
    and its number of pages."""
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(device)
    writer.setResolution(PDF_RESOLUTION)
    layout = document_page_layout(document)
    writer.setPageLayout(layout)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("Health Journal")
    headings: list[tuple[Heading, int, float]] = []
    pages = paint_document(document, writer, PDF_RESOLUTION, outline=headings)
    del writer  # finishes the PDF
    device.close()
    # Headings as bookmarks: their page and their height from the page's top, in points.
    top_margin = layout.margins(QPageLayout.Unit.Point).top()
    entries = [
        (heading.level, heading.text, page, top_margin + y / PDF_RESOLUTION * 72.0)
        for heading, page, y in headings
    ]
    return add_outline(bytes(buffer.data()), entries), pages


def write_pdf(document: QTextDocument, path: Path) -> int:
    """Save ``document`` as a new 0600 PDF at ``path``; refuses to overwrite. Returns pages.

    The PDF is drawn into memory, its writer's result and the PDF's shape checked, then
    written by the one private-file writer (complete, read back, then named), so a failed
    or interrupted report never appears under the chosen name.
    """
    target = path.expanduser()
    if target.exists() or target.is_symlink():
        raise StorageFailure(f"{target} already exists; choose a new name.")
    data, pages = pdf_bytes(document)
    check_pdf(data)
    write_private_file(target, data)
    return pages


def check_pdf(data: bytes) -> None:
    """A PDF the writer finished: its header, and its end-of-file marker near the end."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StorageFailure("The report could not be drawn completely; nothing was written.")
