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
import sys
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
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
)
from PySide6.QtPrintSupport import QPrinter

from journal.charts import draw_cycle_chart, draw_timeline
from journal.reports.content import AppointmentSummary, EpisodeReport
from journal.reports.html import (
    CYCLES_URL,
    NOT_ENCRYPTED,
    TIMELINE_URL,
    episode_html,
    summary_html,
)
from journal.storage.errors import StorageFailure
from journal.storage.files import (
    FILE_MODE,
    fsync_file,
    make_private_dirs,
    place_new,
    remove_quietly,
    temporary_sibling,
)

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
TIMELINE_HEIGHT_IN = 3.2
CYCLE_ROW_IN = 0.32
CYCLE_BASE_IN = 1.5
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
    document.setProperty(
        _FOOTER_PROPERTY,
        f"Health Journal · generated {report.generated.isoformat()} · {NOT_ENCRYPTED}",
    )
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report.title)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(10.0)
    document.setDefaultFont(font)
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


# --------------------------------------------------------------------------- painting


def paint_document(document: QTextDocument, device: QPagedPaintDevice, resolution: int) -> int:
    """Lay ``document`` out for ``device`` and paint every page with its footer.

    Returns the number of pages. The document itself is left untouched (a clone is laid
    out), so the same document can be previewed, printed and saved in turn.
    """
    page = device.pageLayout().paintRectPixels(resolution)
    footer = FOOTER_MM / 25.4 * resolution
    body = QSizeF(page.width(), page.height() - footer)
    clone = document.clone()
    clone.setDocumentMargin(0)
    clone.documentLayout().setPaintDevice(device)
    clone.setPageSize(body)
    pages = max(1, clone.pageCount())
    text = str(document.property(_FOOTER_PROPERTY) or "Health Journal")
    painter = QPainter()
    if not painter.begin(device):
        raise StorageFailure("The report could not be drawn (the printer or file refused it).")
    try:
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(7.5)
        for index in range(pages):
            if index:
                device.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            clone.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
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
        painter.end()
        clone.deleteLater()
    return pages


def prepare_printer(printer: QPrinter, document: QTextDocument) -> None:
    """Give a printer the document's paper and margins (before a print or preview dialog)."""
    printer.setPageLayout(document_page_layout(document))


def print_document(document: QTextDocument, printer: QPrinter) -> int:
    """Print every page of ``document`` on ``printer`` (as set up by the print dialog)."""
    return paint_document(document, printer, printer.resolution())


def write_pdf(document: QTextDocument, path: Path) -> int:
    """Save ``document`` as a new 0600 PDF at ``path``; refuses to overwrite. Returns pages.

    The PDF is written under a temporary hidden name beside ``path`` and linked into place
    only when complete, so a half-written report never appears under the chosen name.
    """
    target = path.expanduser()
    if target.exists():
        raise StorageFailure(f"{target} already exists; choose a new name.")
    try:
        make_private_dirs(target.parent)
        temp = temporary_sibling(target, "writing")
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except OSError as error:
        raise StorageFailure(f"Cannot write {target} ({error.strerror}).") from None
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(document_page_layout(document))
        writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        writer.setCreator("Health Journal")
        pages = paint_document(document, writer, PDF_RESOLUTION)
        del writer  # closes the file
        fsync_file(temp)
        place_new(temp, target)
    except FileExistsError:
        raise StorageFailure(f"{target} already exists; choose a new name.") from None
    except OSError as error:
        raise StorageFailure(f"Cannot write {target} ({error.strerror}).") from None
    finally:
        remove_quietly(temp)
    return pages
