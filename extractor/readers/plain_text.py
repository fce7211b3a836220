"""Any other text file: kept as one document, first short line as its title, paragraphs as body."""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Document, DocumentKind
from .base import Source, TextBuilder, paragraphs
from .sections import heading_kind, split_glued_sections, split_labelled

_MAX_TITLE_WORDS = 30
_STRUCTURED_NOTE = "read as an article because it has abstract headings; it has no citation line or author list"
_UNKNOWN_NOTE = ("not recognised as a paper, abstract, record or news story (no citation, authors, byline or "
                 "dateline): read as plain text, a schema:CreativeWork")


class PlainTextReader:
    name = "plain-text"
    streams = False

    def sniff(self, text: str) -> float:
        return 0.1  # the fallback for text that no other reader claims

    def read(self, source: Source) -> Iterator[Document]:
        lines = paragraphs(source.text)
        builder = TextBuilder()
        title = None
        if lines and len(lines[0].split()) <= _MAX_TITLE_WORDS and len(lines) > 1:
            title = lines[0]
            builder.add("title", title)
            lines = lines[1:]
        structured = False
        for line in lines:
            for heading, body in _parts(line):
                structured = structured or heading is not None
                builder.add(heading_kind(heading) if heading else "body", body, heading)
        text, sections = builder.build()
        yield source.document(
            self.name, DocumentKind.ARTICLE if structured else DocumentKind.TEXT, text,
            sections=sections,
            title=title,
            kind_note=_STRUCTURED_NOTE if structured else _UNKNOWN_NOTE,
        )


def _parts(line: str) -> list[tuple[str | None, str]]:
    """A line's labelled parts ("BACKGROUND: ... AIM: ..."), when its labels include an abstract
    heading; else its known headings only (a "CONTACT:" line of a press release stays whole)."""
    labelled = split_labelled(line)
    if any(heading and heading_kind(heading) != "abstract" for heading, _ in labelled):
        return labelled
    return split_glued_sections(line)
