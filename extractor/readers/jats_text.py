"""The text of a JATS article: abstract and body as sections with their headings, back matter as
sections that give no findings, tables one line per row with each cell beside its column's headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..records import BACK_MATTER, TABLE, TableCell
from .base import TextBuilder
from .medline_xml import inline_text
from .sections import heading_kind

# sec-type values (JATS tag library) -> section kind
_SEC_TYPES = {"intro": "background", "introduction": "background", "background": "background",
              "methods": "methods", "materials": "methods", "materials|methods": "methods", "subjects": "methods",
              "cases": "methods", "results": "results", "results|discussion": "results", "discussion": "conclusions",
              "conclusions": "conclusions", "conclusion": "conclusions", "supplementary-material": "back"}
BACK = BACK_MATTER  # acknowledgements, notes, contributions, conflicts: text of the article, never its findings
_FUNDING_TITLE = re.compile(r"\bfunding\b|\bfinancial (?:support|disclosure)|\bgrant", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"^\s*(?:[a-z]|[*†‡§¶#]{1,3})\s*$")
_BLOCKS = ("table-wrap", "fig", "list", "disp-formula", "boxed-text", "disp-quote", "supplementary-material",
           "table-wrap-group", "fig-group")
SKIP = ("ref-list", "sub-article", "response", "glossary", "fn-group-refs")


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [child for child in element if local(child) == name]


def first_child(element: etree._Element | None, name: str) -> etree._Element | None:
    return next(iter(children(element, name)), None)


def path(element: etree._Element | None, *names: str) -> etree._Element | None:
    for name in names:
        element = first_child(element, name)
    return element


def descendants(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [e for e in element.iter() if local(e) == name]


# ------------------------------------------------------------------ text


def prepare(article: etree._Element) -> None:
    """Make inline markup read as text: a superscript that only cites references reads "[3, 4]" (else
    the number glues to the word before it: "survival3"); a formula given twice (TeX and MathML) once."""
    for sup in [e for e in article.iter() if local(e) == "sup"]:
        refs = [child for child in sup if local(child) == "xref"]
        if refs and len(refs) == len(sup) and all(r.get("ref-type") in ("bibr", "fn") for r in refs):
            sup.tag = "cite"
            sup.text = " [" + (sup.text or "")
            refs[-1].tail = (refs[-1].tail or "") + "]"
    for cell in [e for e in article.iter() if local(e) in ("td", "th", "table-wrap-foot")]:
        for sup in [e for e in cell.iter() if local(e) == "sup" and _FOOTNOTE_MARK.match(e.text or "") and len(e) == 0]:
            _drop(sup)  # "26.5 ± 7.1<sup>c</sup>": a footnote mark, not part of the value
    for alternatives in [e for e in article.iter() if local(e) == "alternatives"]:
        forms = list(alternatives)
        if any(local(f) == "math" for f in forms):
            for form in forms:
                if local(form) != "math":
                    _drop(form)
    for name in ("tex-math", "graphic", "inline-graphic", "media", "object-id"):
        for element in [e for e in article.iter() if local(e) == name]:
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def text_of(element: etree._Element | None) -> str | None:
    return inline_text(element)


def blocks(container: etree._Element, builder: TextBuilder, kind: str | None, heading: str | None) -> None:
    """Paragraphs, lists, tables and figures of ``container`` in order; ``heading`` goes before the
    first of them; a ``<sec>`` names its own kind from its type or title, else keeps its parent's."""
    pending = heading
    for child in container:
        name = local(child)
        if name in ("title", "label") or name in SKIP:
            continue
        if name == "sec":
            title = text_of(first_child(child, "title"))
            blocks(child, builder, _sec_kind(child, title, kind), title)
            continue
        if name == "p":
            nested = [c for c in child if local(c) in _BLOCKS]
            for block in nested:
                _detach(block)
            text = text_of(child)
            if text:
                _add(builder, kind, text, pending)
                pending = None
            for block in nested:
                pending = _block(block, builder, kind, pending)
            continue
        pending = _block(child, builder, kind, pending)


def _block(element: etree._Element, builder: TextBuilder, kind: str | None, pending: str | None) -> str | None:
    """One non-paragraph block; the heading still pending after it."""
    name = local(element)
    if name in ("table-wrap",):
        _table(element, builder, pending)
        return None
    if name in ("fig", "supplementary-material"):
        caption = " ".join(t for t in (text_of(first_child(element, "label")), _caption(element)) if t)
        if caption:
            _add(builder, "figure", caption, pending)
            return None
        return pending
    if name in ("list", "boxed-text", "disp-quote", "table-wrap-group", "fig-group", "list-item", "def-list", "statement"):
        blocks(element, builder, kind, pending)
        return None
    if name == "disp-formula":
        return pending
    text = text_of(element)
    if text and name not in ("fn-group", "ack", "notes"):
        _add(builder, kind, text, pending)
        return None
    return pending


def _detach(element: etree._Element) -> None:
    """Take a block out of its paragraph, leaving the paragraph's text that followed it in place."""
    tail, element.tail = element.tail, None
    parent = element.getparent()
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + " " + tail
        else:
            parent.text = (parent.text or "") + " " + tail
    parent.remove(element)


def _add(builder: TextBuilder, kind: str | None, text: str, heading: str | None) -> None:
    builder.add(kind or (heading_kind(heading) if heading else "abstract"), text, heading)


def _sec_kind(sec: etree._Element, title: str | None, parent: str | None) -> str | None:
    sec_type = (sec.get("sec-type") or "").lower()
    if sec_type in _SEC_TYPES:
        return _SEC_TYPES[sec_type]
    if title:
        known = heading_kind(title)
        if known != "abstract":
            return known
        if _FUNDING_TITLE.search(title):
            return "funding"
    return parent


def _caption(element: etree._Element) -> str | None:
    caption = first_child(element, "caption")
    if caption is None:
        return None
    return " ".join(t for t in (text_of(c) for c in caption if local(c) in ("title", "p")) if t) or None


def back_matter(back: etree._Element, builder: TextBuilder) -> None:
    """Acknowledgements, funding statements, notes and footnotes: kept as text of the article in
    sections that give no results (funding statements are where funders are found)."""
    for child in back:
        name = local(child)
        if name in SKIP:
            continue
        title = text_of(first_child(child, "title"))
        if name == "ack":
            blocks(child, builder, "funding", title or "Acknowledgements")
        elif name == "sec":
            blocks(child, builder, "funding" if title and _FUNDING_TITLE.search(title) else BACK, title)
        elif name in ("fn-group", "notes", "app-group", "app", "glossary"):
            for fn in child.iter():
                if local(fn) in ("fn", "p") and local(fn.getparent()) in ("fn-group", "notes", "app", "sec"):
                    text = text_of(fn) if local(fn) == "fn" else None
                    if text:
                        kind = "funding" if (fn.get("fn-type") or "") in ("financial-disclosure", "supported-by") else BACK
                        builder.add(kind, text, None)


# ------------------------------------------------------------------ tables


def _table(wrap: etree._Element, builder: TextBuilder, pending: str | None) -> None:
    """A table as text: its label and caption, then one line per body row, "row header: column
    header value; ...", then its footnotes. Spanning cells are repeated over the columns they span.
    Each cell's value, row label and column header are recorded (``builder.table_cells``)."""
    caption = " ".join(t for t in (text_of(first_child(wrap, "label")), _caption(wrap)) if t) or None
    rows: list[_Row] = []
    for table in descendants(wrap, "table"):
        head_rows = [row for part in children(table, "thead") for row in children(part, "tr")]
        body_rows = [row for part in children(table, "tbody") for row in children(part, "tr")] + children(table, "tr")
        head, body = _grid(head_rows), _grid(body_rows)
        while body and _is_header_row(body[0]):
            head.append(body.pop(0))  # arms named in the body's first row, under a spanning "n (%)" header
        headers = _header_names(head)
        rows.extend(row for cells in body if (row := _row_line(cells, headers)).line)
    notes = [t for t in (text_of(fn) for foot in children(wrap, "table-wrap-foot") for fn in foot) if t]
    if not (caption or rows or notes):
        return
    heading = " ".join(h for h in (pending, caption) if h) if pending else caption
    heading = heading if rows else pending
    section = builder.add(TABLE, "\n".join(row.line for row in rows) if rows else caption or "", heading)
    _record_cells(builder, rows, section.start + (len(heading) + 1 if heading else 0), caption)
    for note in notes:
        builder.add(TABLE, note, None)


def _record_cells(builder: TextBuilder, rows: list[_Row], start: int, caption: str | None) -> None:
    table = len({cell.table for cell in builder.table_cells})
    group: tuple[int, int] | None = None
    at = start
    for row in rows:
        label = (at + row.label[0], at + row.label[1]) if row.label else None
        if label and not row.cells:
            group = label  # a label-only row names the rows under it
        for levels, (value_start, value_end) in row.cells:
            if label is None:
                continue
            builder.table_cells.append(TableCell(
                table, caption, at + value_start, at + value_end, label[0], label[1], levels[-1] if levels else None,
                group[0] if group else None, group[1] if group else None, " ".join(levels[:-1]) or None))
        at += len(row.line) + 1


_NUMBER_FIRST = re.compile(r"^\s*[-−–+<>≤≥]?\s*\d")


def _is_header_row(cells: list[str]) -> bool:
    """A body row with no label whose cells are names, not numbers: more column headers."""
    values = [cell for cell in cells[1:] if cell]
    return bool(values) and not cells[0] and not any(_NUMBER_FIRST.match(value) for value in values)


def _grid(rows: list[etree._Element]) -> list[list[str]]:
    """Rows of cell texts with ``rowspan``/``colspan`` expanded."""
    grid: list[list[str]] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows still to fill, text)
    for row in rows:
        cells: list[str] = []
        column = 0
        for cell in (c for c in row if local(c) in ("td", "th")):
            while column in carried:
                left, text = carried[column]
                cells.append(text)
                carried[column] = (left - 1, text)
                if left - 1 <= 0:
                    del carried[column]
                column += 1
            text = text_of(cell) or ""
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for offset in range(span):
                cells.append(text)
                if down > 1:
                    carried[column + offset] = (down - 1, text)
            column += span
        while column in carried:
            left, text = carried[column]
            cells.append(text)
            carried[column] = (left - 1, text)
            if left - 1 <= 0:
                del carried[column]
            column += 1
        grid.append(cells)
    return grid


def _span(value: str | None) -> int:
    return min(int(value), 50) if value and value.isdigit() and int(value) > 0 else 1


def _header_names(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Each column's headers: the header rows' texts for that column, outer to inner, repeats dropped."""
    width = max((len(r) for r in rows), default=0)
    names = []
    for column in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[column] if column < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        names.append(tuple(parts))
    return names


@dataclass(frozen=True, slots=True)
class _Row:
    line: str
    label: tuple[int, int] | None  # the row label's offsets in ``line``
    cells: tuple[tuple[tuple[str, ...], tuple[int, int]], ...]  # (column headers, the value's offsets in ``line``)


def _row_line(cells: list[str], headers: list[tuple[str, ...]]) -> _Row:
    if not any(cells):
        return _Row("", None, ())
    label, values = cells[0], cells[1:]
    if label and all(value in ("", label) for value in values):
        return _Row(label, (0, len(label)), ())  # a label spanning the row: it names the rows below
    pieces: list[tuple[str, tuple[str, ...], str]] = []  # (piece, headers, value)
    for column, value in enumerate(values, start=1):
        levels = headers[column] if column < len(headers) else ()
        header = " ".join(levels)
        piece = f"{header} {value}" if header and value and header != value else value
        if piece and (not pieces or piece != pieces[-1][0]):  # a cell spanning columns is said once
            pieces.append((piece, levels if piece != value else (), value))
    if not pieces:
        return _Row(label, (0, len(label)) if label else None, ())
    line = f"{label}: " if label else ""
    found = []
    for index, (piece, levels, value) in enumerate(pieces):
        if index:
            line += "; "
        value_start = len(line) + len(piece) - len(value)
        line += piece
        if value and value != " ".join(levels):
            found.append((levels, (value_start, value_start + len(value))))
    return _Row(line, (0, len(label)) if label else None, tuple(found))
