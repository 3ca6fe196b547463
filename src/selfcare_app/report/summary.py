"""The counselor summary as PDF pages (and the same pages as images for the preview).

One `SummaryDocument` lays the summary out once, as a QTextDocument sized to the printable
area of a QPdfWriter (A4 or US Letter), and paints any page onto any QPainter: the PDF writer
for the file, or a QImage for the preview, so the preview shows exactly what is written.

- Text is real text in the bundled DejaVu Sans (registered with QFontDatabase, embedded in the
  PDF as a TrueType subset), so it is selectable and searchable.
- Characters the bundled font does not cover (emoji, most CJK) are drawn as a visible
  placeholder (□) rather than depending on whatever fonts the machine happens to have.
- Charts come from report/charts.py, rendered by matplotlib at CHART_DPI (≥ 200 dpi at the
  printed size), since Qt's SVG renderer drops parts of matplotlib's SVG.
- Every page has a footer with the disclaimer and "Page i of n".

Works off the UI thread (QTextDocument, QImage and QPdfWriter are all usable from a worker
thread); needs a QGuiApplication, which `ensure_gui_application` provides for the CLI.
"""

from __future__ import annotations

import html
import math
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextBlock,
    QTextDocument,
    QTextTable,
)

from selfcare_app.atomic import atomic_write
from selfcare_app.core.formatting import format_range
from selfcare_app.core.summary import Chart, Glance, Paragraph, Section, Summary, Table
from selfcare_app.i18n import _

PAPERS: Final[dict[str, QPageSize.PageSizeId]] = {
    "a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION: Final = 300  # layout units per inch
MARGINS_MM: Final = (16.0, 15.0, 16.0, 14.0)  # left, top, right, bottom
FOOTER_MM: Final = 9.0
CHART_DPI: Final = 200  # ≥ 200 dpi at the printed size (the images are drawn at exactly that)
BODY_PT: Final = 9.0
PLACEHOLDER: Final = "□"
FONT_FILES: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
INK: Final = "#1d1d1f"
MUTED: Final = "#55585e"
RULE: Final = "#9a9ca1"
HEAD_BG: Final = "#eceef1"
GLANCE_BG: Final = "#f4f6f9"
GLANCE_RULE: Final = "#4a5568"

_lock = threading.Lock()
_family: str | None = None
_raw: QRawFont | None = None


def ensure_gui_application() -> None:
    """Qt's fonts and painting need a QGuiApplication; the CLI makes an offscreen one."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["selfcare-app", "-platform", "offscreen"])


def register_font() -> str:
    """Register the bundled DejaVu Sans faces once; returns the family name."""
    global _family, _raw
    with _lock:
        if _family is None:
            folder = resources.files("selfcare_app.resources").joinpath("fonts")
            family = ""
            for name in FONT_FILES:
                item = folder.joinpath(name)
                if not item.is_file():
                    continue
                data = item.read_bytes()
                font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
                families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
                if name == FONT_FILES[0]:
                    _raw = QRawFont(QByteArray(data), 12.0)
                    family = families[0] if families else "DejaVu Sans"
            _family = family or "DejaVu Sans"
        return _family


def covered(ch: str) -> bool:
    register_font()
    return _raw is not None and _raw.isValid() and _raw.supportsCharacter(ord(ch))


def printable(text: str) -> str:
    """Text safe to draw with the bundled font: uncovered characters become a placeholder."""
    out: list[str] = []
    for ch in text:
        if ch in "\n\t ":
            out.append(" " if ch == "\t" else ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Cs") or cat == "Mn" and not covered(ch):
            continue  # zero-width joiners, variation selectors, stray controls
        out.append(ch if covered(ch) else PLACEHOLDER)
    return "".join(out)


def esc(text: str) -> str:
    return html.escape(printable(text)).replace("\n", "<br>")


# -- charts --------------------------------------------------------------------------------


def chart_image(chart: Chart, width_in: float, dpi: int = CHART_DPI) -> QImage:
    """The weekly small multiples, rendered by matplotlib (Agg) at `dpi`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from selfcare_app.report.charts import build_trend_figure

    panels = max(len(chart.view.panels), 1)
    height = min(0.9 + 1.28 * panels, 8.2)
    # Whole pixels that cover the printed width, so the effective resolution is ≥ dpi.
    width_px = math.ceil(width_in * dpi - 1e-6)
    fig = build_trend_figure(chart.view, chart.shaded, size_in=(width_px / dpi, height),
                             dpi=dpi, panels=dict(chart.shaded_panels))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    w, h = canvas.get_width_height()
    rgba = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    image = QImage(rgba, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    return image.convertToFormat(QImage.Format.Format_RGB888)  # opaque: no soft mask in PDF


# -- HTML ----------------------------------------------------------------------------------

CSS: Final = f"""
    body {{ color: {INK}; }}
    h1 {{ font-size: 17pt; font-weight: bold; margin-bottom: 2pt; }}
    h2.section {{ font-size: 12pt; font-weight: bold; margin-top: 14pt; margin-bottom: 5pt; }}
    p {{ margin-top: 0; margin-bottom: 4pt; }}
    p.small {{ font-size: 8pt; color: {MUTED}; }}
    h3.lead {{ font-size: 9.5pt; font-weight: bold; margin-top: 8pt; margin-bottom: 3pt; }}
    h3.caption {{ font-size: 9pt; font-weight: bold; margin-top: 6pt; margin-bottom: 3pt; }}
    p.foot {{ font-size: 7.5pt; color: {MUTED}; margin-top: 2pt; margin-bottom: 2pt; }}
    p.disclaimer {{ font-weight: bold; font-size: 10pt; margin-top: 4pt; margin-bottom: 8pt; }}
    table.data {{ border-collapse: collapse; border: 0.6px solid {RULE}; margin-top: 2pt;
                  margin-bottom: 3pt; }}
    table.data th {{ background-color: {HEAD_BG}; font-weight: bold; border: 0.6px solid {RULE};
                     font-size: 8pt; }}
    table.data td {{ border: 0.6px solid {RULE}; font-size: 8.5pt; }}
    table.meta td {{ font-size: 9.5pt; padding: 1px; }}
    table.glance {{ border-collapse: collapse; border: 1.2px solid {GLANCE_RULE};
                    background-color: {GLANCE_BG}; margin-top: 4pt; margin-bottom: 6pt; }}
    table.glance th {{ font-size: 11pt; font-weight: bold; text-align: left; }}
    table.glance td {{ font-size: 9pt; vertical-align: top; }}
    td.glabel {{ font-weight: bold; }}
    p.gitem {{ margin-top: 0; margin-bottom: 2.5pt; }}
"""


@dataclass(frozen=True)
class Breaks:
    """Page breaks a layout pass asked for: before headings (numbered in order), before whole
    data tables, and inside data tables before a given row (the header is repeated)."""

    headings: frozenset[int] = frozenset()
    tables: frozenset[int] = frozenset()
    splits: tuple[tuple[int, int], ...] = ()

    def merge(self, other: Breaks) -> Breaks:
        return Breaks(self.headings | other.headings, self.tables | other.tables,
                      tuple(sorted(set(self.splits) | set(other.splits))))

    def rows_for(self, table: int) -> list[int]:
        return sorted(row for index, row in self.splits if index == table)

    def covers(self, other: Breaks) -> bool:
        return (other.headings <= self.headings and other.tables <= self.tables
                and set(other.splits) <= set(self.splits))


def _lead_bold(item: str) -> str:
    """"WHO-5: 36 of 100 …" with its name in bold, so a list of items scans at a glance."""
    head, colon, rest = item.partition(": ")
    if not colon or len(head) > 40:
        return esc(item)
    return f"<b>{esc(head)}:</b> {esc(rest)}"


class _Html:
    """Builds the summary's HTML; headings and data tables are numbered in order so that a
    later layout pass can ask for a page break before any of them (see `Breaks`)."""

    def __init__(self, chart_names: dict[int, tuple[str, float]],
                 breaks: Breaks | frozenset[int]) -> None:
        self.chart_names = chart_names
        self.breaks = breaks if isinstance(breaks, Breaks) else Breaks(frozenset(breaks))
        self.parts: list[str] = []
        self.headings = 0
        self.data_tables = 0
        # Every <table> written, in order: (data table number or -1, its first row).
        self.frames: list[tuple[int, int]] = []

    def heading(self, tag: str, cls: str, text: str, force_break: bool = False) -> None:
        brk = force_break or self.headings in self.breaks.headings
        style = ' style="page-break-before: always"' if brk else ""
        self.parts.append(f'<{tag} class="{cls}"{style}>{esc(text)}</{tag}>')
        self.headings += 1

    def table(self, table: Table, width: int = 100) -> None:
        index = self.data_tables
        self.data_tables += 1
        whole_break = index in self.breaks.tables
        if table.caption:
            self.heading("h3", "caption", table.caption, force_break=whole_break)
        cuts = [0, *(r for r in self.breaks.rows_for(index) if 0 < r < len(table.rows)),
                len(table.rows)]
        pieces = list(zip(cuts, cuts[1:], strict=False))
        for n, (first, last) in enumerate(pieces):
            # A table broken by hand starts again on the next page with its header, so no
            # page ends or starts with a single row of it.
            brk = n > 0 or whole_break and not table.caption
            self._table_rows(table, width, first, last, brk)
            self.frames.append((index, first))
        for note in table.footnotes:
            self.parts.append(f'<p class="foot">{esc(note)}</p>')

    def _table_rows(self, table: Table, width: int, first: int, last: int,
                    page_break: bool) -> None:
        parts = self.parts
        style = ' style="page-break-before: always"' if page_break else ""
        parts.append(f'<table class="data" width="{width}%" cellspacing="0" cellpadding="4"'
                     f"{style}>")
        parts.append("<thead><tr>")
        for i, col in enumerate(table.columns):
            w = f' width="{table.widths[i]}%"' if i < len(table.widths) else ""
            align = ' align="right"' if i in table.numeric else ""
            parts.append(f"<th{w}{align}>{esc(col)}</th>")
        parts.append("</tr></thead>")
        for row in table.rows[first:last]:
            parts.append("<tr>")
            for i, cell in enumerate(row):
                align = ' align="right"' if i in table.numeric else ""
                parts.append(f"<td{align}>{esc(cell)}</td>")
            parts.append("</tr>")
        parts.append("</table>")

    def glance(self, glance: Glance) -> None:
        """Page 1's box: a two-column table (label, one line per item), framed."""
        parts = self.parts
        parts.append('<table class="glance" width="100%" cellspacing="0" cellpadding="5">')
        self.frames.append((-1, 0))
        parts.append(f'<tr><th colspan="2">{esc(glance.title)}</th></tr>')
        for row in glance.rows:
            items = "".join(f'<p class="gitem">{_lead_bold(item)}</p>' for item in row.items)
            if row.inline:  # reads as one sentence, also to a text extractor
                text = esc(" ".join(row.items))
                parts.append(f'<tr><td colspan="2"><b>{esc(row.label)}:</b> {text}</td></tr>')
                continue
            parts.append(f'<tr><td class="glabel" width="24%">{esc(row.label)}</td>'
                         f"<td>{items}</td></tr>")
        parts.append("</table>")

    def section(self, section: Section) -> None:
        self.heading("h2", "section", section.title, force_break=section.id == "appendix")
        for block in section.blocks:
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Paragraph) and block.style == "lead":
                self.heading("h3", "lead", block.text)
            elif isinstance(block, Paragraph):
                self.parts.append(f'<p class="{block.style}">{esc(block.text)}</p>')
            elif isinstance(block, Glance):
                self.glance(block)
            elif isinstance(block, Chart):
                name, width = self.chart_names[id(block)]
                self.parts.append(f'<p class="chart"><img src="{name}" width="{width:.0f}"></p>')
                self.parts.append(f'<p class="foot">{esc(block.caption)}</p>')


def build_html(summary: Summary, chart_names: dict[int, tuple[str, float]],
               breaks: Breaks | frozenset[int] = frozenset()) -> str:
    return _build(summary, chart_names, breaks).html


@dataclass(frozen=True)
class _Built:
    html: str
    frames: tuple[tuple[int, int], ...]


def _build(summary: Summary, chart_names: dict[int, tuple[str, float]],
           breaks: Breaks | frozenset[int]) -> _Built:
    h = _Html(chart_names, breaks)
    h.parts.append(f"<html><head><style>{CSS}</style></head><body>")
    h.heading("h1", "title", summary.title)
    h.parts.append('<table class="meta" cellspacing="0" cellpadding="1">')
    h.frames.append((-1, 0))
    for label, value in summary.header:
        h.parts.append(f'<tr><td><span style="color:{MUTED}">{esc(label)}:</span>&nbsp;&nbsp;'
                       f"</td><td><b>{esc(value)}</b></td></tr>")
    h.parts.append("</table>")
    h.parts.append(f'<p class="disclaimer">{esc(summary.disclaimer)}</p>')
    if summary.glance is not None:
        h.glance(summary.glance)
    for section in summary.sections:
        h.section(section)
    h.parts.append("</body></html>")
    return _Built("".join(h.parts), tuple(h.frames))


# -- the document ----------------------------------------------------------------------------


def _first_line_top(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    top = layout.blockBoundingRect(block).top()
    lines = block.layout()
    return top + (lines.lineAt(0).y() if lines.lineCount() else 0.0)


def stranded_headings(doc: QTextDocument, page_height: float) -> set[int]:
    """Headings (numbered in document order) that end a page while what they introduce
    starts on the next one; Qt has no keep-with-next, so the caller adds page breaks."""
    layout = doc.documentLayout()
    layout.documentSize()  # finish the layout before measuring
    found: set[int] = set()
    index = 0
    block = doc.begin()
    while block.isValid():
        nxt = block.next()
        if block.blockFormat().headingLevel() > 0:
            if nxt.isValid():
                top = _first_line_top(layout, block)
                here = int(top // page_height)
                there = int((_first_line_top(layout, nxt) + 2.0) // page_height)
                if there > here and top - here * page_height > 1.0:
                    found.add(index)
            index += 1
        block = nxt
    return found


KEEP_WHOLE_FRACTION: Final = 0.4  # a table up to this share of a page is never split
MIN_ROWS: Final = 2  # rows of a table that must stay together on either side of a break


def broken_tables(doc: QTextDocument, page_height: float,
                  frames: Sequence[tuple[int, int]]) -> Breaks:
    """Data tables that a page break splits badly: a short table split at all, a row cut in
    two, or fewer than MIN_ROWS rows left on a page. Returns the breaks that fix them: move
    the whole table to the next page, or break it by hand before a row (header repeated)."""
    layout = doc.documentLayout()
    layout.documentSize()  # finish the layout before measuring

    def page(y: float) -> int:
        return int((y + 1.0) // page_height)

    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    whole: set[int] = set()
    splits: set[tuple[int, int]] = set()
    for frame, (index, offset) in zip(tables, frames, strict=False):
        header = frame.format().headerRowCount()
        rows = frame.rows() - header
        if index < 0 or rows <= 0:
            continue
        spans = []
        for r in range(header, frame.rows()):
            top = layout.blockBoundingRect(frame.cellAt(r, 0).firstCursorPosition().block())
            bottom = max(layout.blockBoundingRect(frame.cellAt(r, c).lastCursorPosition()
                                                  .block()).bottom()
                         for c in range(frame.columns()))
            spans.append((page(top.top()), page(bottom - 2.0)))
        first = spans[0][0]
        if spans[-1][1] == first:
            continue  # on one page
        cut = next(i for i, (_, end) in enumerate(spans) if end != first)
        straddles = spans[cut][0] != spans[cut][1]
        last_page = sum(1 for a, _ in spans if a == spans[-1][0])
        short = layout.frameBoundingRect(frame).height() <= KEEP_WHOLE_FRACTION * page_height
        if short or cut < MIN_ROWS:
            if offset == 0:
                whole.add(index)
            elif cut > 0:
                splits.add((index, offset + cut))
        elif straddles or rows - cut < MIN_ROWS or last_page < MIN_ROWS:
            at = min(cut, rows - MIN_ROWS) if rows - cut < MIN_ROWS else cut
            if not straddles and last_page < MIN_ROWS and rows - cut >= MIN_ROWS:
                at = rows - MIN_ROWS  # a long table's last page: keep two rows together
            if at >= MIN_ROWS:
                splits.add((index, offset + at))
            elif offset == 0:
                whole.add(index)
    return Breaks(tables=frozenset(whole), splits=tuple(sorted(splits)))


def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use a4 or letter")
    left, top, right, bottom = MARGINS_MM
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


def _writer(target: QIODevice, layout: QPageLayout, title: str) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator("Selfcare")
    return writer


@dataclass(frozen=True)
class RenderStats:
    pages: int
    bytes: int


class SummaryDocument:
    """A laid-out summary: page count, page painting, PDF bytes and page images."""

    def __init__(self, summary: Summary, paper: str = "a4",
                 progress: Callable[[str], None] | None = None) -> None:
        ensure_gui_application()
        self.summary = summary
        self.paper = paper
        self.layout = page_layout(paper)
        family = register_font()
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._device = _writer(self._buffer, self.layout, summary.title)  # metrics only
        rect = self.layout.paintRectPixels(RESOLUTION)
        self.width = float(rect.width())
        self.footer = FOOTER_MM / 25.4 * RESOLUTION
        self.height = float(rect.height()) - self.footer
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self._device)
        doc.setDocumentMargin(0)
        font = QFont(family)
        font.setPointSizeF(BODY_PT)
        doc.setDefaultFont(font)
        doc.setPageSize(QSizeF(self.width, self.height))
        names: dict[int, tuple[str, float]] = {}
        charts = [b for s in summary.sections for b in s.blocks if isinstance(b, Chart)]
        for i, chart in enumerate(charts):
            if progress:
                progress(_("Drawing the charts…"))
            image = chart_image(chart, self.width / RESOLUTION)
            name = f"chart{i}.png"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            # <img width> is in CSS pixels (96 per inch), whatever the paint device.
            names[id(chart)] = (name, self.width / RESOLUTION * 96)
        if progress:
            progress(_("Laying out the pages…"))
        breaks = Breaks()
        for _pass in range(10):  # each pass can move later content; a few passes settle it
            built = _build(summary, names, breaks)
            doc.setHtml(built.html)
            found = Breaks(frozenset(stranded_headings(doc, self.height))).merge(
                broken_tables(doc, self.height, built.frames))
            if breaks.covers(found):
                break
            breaks = breaks.merge(found)
        self.breaks = breaks
        self.doc = doc
        self.family = family

    @property
    def page_count(self) -> int:
        return max(1, self.doc.pageCount())

    def page_size_points(self) -> QSizeF:
        return self.layout.fullRect(QPageLayout.Unit.Point).size()

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Draw page `index` with the painter's origin at the printable area's top-left,
        in layout units (RESOLUTION per inch)."""
        painter.save()
        painter.translate(0, -index * self.height)
        page = QRectF(0, index * self.height, self.width, self.height)
        painter.setClipRect(page, Qt.ClipOperation.IntersectClip)
        # Lines that only touch the page's edge belong to the neighbouring page. Qt skips
        # lines outside the rect it is given; lines merely clipped would still be in the PDF
        # as text (a text extractor would read them on both pages).
        self.doc.drawContents(painter, page.adjusted(0, 0.5, 0, -0.5))
        painter.restore()
        self._paint_footer(painter, index)

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        painter.save()
        font = QFont(self.family)
        font.setPointSizeF(7.0)
        painter.setFont(font)
        painter.setPen(QColor(RULE))
        top = self.height + self.footer * 0.25
        painter.drawLine(0, round(top), round(self.width), round(top))
        painter.setPen(QColor(MUTED))
        box = QRectF(0, top + self.footer * 0.1, self.width, self.footer * 0.6)
        s = self.summary
        who = f"{s.name} · " if s.name else ""
        span = format_range(s.start, s.end)
        left = printable(f"{s.title} · {who}{span} · {s.disclaimer}")
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         left)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         _("Page {number} of {count}").format(number=index + 1,
                                                              count=self.page_count))
        painter.restore()

    def pdf_bytes(self, progress: Callable[[str], None] | None = None) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = _writer(buffer, self.layout, self.summary.title)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(_("Could not start the PDF writer."))
        # Charts are embedded losslessly (Flate), never as JPEG.
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        try:
            for i in range(self.page_count):
                if progress:
                    progress(_("Writing page {number} of {count}…").format(
                        number=i + 1, count=self.page_count))
                if i:
                    writer.newPage()
                self.paint_page(painter, i)
        finally:
            painter.end()
        data = bytes(buffer.data().data())
        buffer.close()
        return data

    def write_pdf(self, path: Path, progress: Callable[[str], None] | None = None) -> RenderStats:
        """Write the PDF atomically (temp file in the same folder, fsync, os.replace)."""
        data = self.pdf_bytes(progress)
        atomic_write(path, data)
        return RenderStats(self.page_count, len(data))

    def render_page(self, index: int, width_px: int) -> QImage:
        """Page `index` as an image `width_px` wide (the preview), white paper included."""
        full = self.layout.fullRectPixels(RESOLUTION)
        paint = self.layout.paintRectPixels(RESOLUTION)
        scale = width_px / full.width()
        image = QImage(width_px, round(full.height() * scale), QImage.Format.Format_RGB32)
        # Fonts resolve at the image's DPI: use the layout's, and scale the painter instead,
        # so glyphs match the positions laid out for the PDF.
        dpm = round(RESOLUTION / 0.0254)
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(scale, scale)
        painter.translate(paint.left(), paint.top())
        self.paint_page(painter, index)
        painter.end()
        return image


def render_summary_pdf(summary: Summary, path: Path, paper: str = "a4",
                       progress: Callable[[str], None] | None = None) -> RenderStats:
    return SummaryDocument(summary, paper, progress).write_pdf(path, progress)
