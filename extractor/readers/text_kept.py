"""No silent text loss: the words a reader kept against the words its file shows.

What a file "shows" depends on its format: all words of a text file, the words of an HTML
page's visible paragraphs (see :func:`visible_words`), the title and abstract elements of
a MEDLINE record or tagged record. Readers that split a file into records count each record's
words themselves (``Document.words_in_source``); for one-document files it is counted here. The
share below which a document is reported is data, per reader (``ontology/vocab/text_kept.tsv``),
set from measurements on the real-world development set and the bundled corpus.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from lxml import etree

from ..records import Document, TextLoss
from ..vocabularies import read_table

_MIN_PARAGRAPH_WORDS = 50
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title", etree.Comment, etree.ProcessingInstruction)


@lru_cache(maxsize=1)
def minimum_shares() -> dict[str, tuple[float, str]]:
    """reader name -> (share of the file's words below which a document is reported, what is counted)."""
    rows = read_table("text_kept.tsv", ("reader", "minimum_share", "basis"))
    table: dict[str, tuple[float, str]] = {}
    for row in rows:
        if row["reader"] in table:
            raise ValueError(f"text_kept.tsv: reader {row['reader']!r} listed twice")
        share = float(row["minimum_share"])
        if not 0 <= share <= 1:
            raise ValueError(f"text_kept.tsv: share {share} of {row['reader']!r} is not in [0, 1]")
        table[row["reader"]] = (share, row["basis"])
    return table


_WORD = re.compile(r"\S+")


def words(text: str) -> int:
    """How many words ``text`` has, counted without making a list of them (a 50 MB file has ~8 million)."""
    return _WORD.subn("", text)[1]


def visible_words(html: str) -> int:
    """Words of an HTML page's visible paragraphs (``<p>``; all visible text when the page has fewer
    than ``_MIN_PARAGRAPH_WORDS`` in paragraphs), scripts, styles, templates and the head left out.
    Paragraphs, not all visible text: menus, footers and link lists are 10-80% of a page's visible
    words (measured on the real-world pages), while stories and abstracts stand in paragraphs."""
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), etree.HTMLParser(encoding="utf-8", no_network=True))
    except (etree.ParserError, ValueError):
        return words(html)
    if root is None:
        return words(html)
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    in_paragraphs = sum(words(" ".join(p.itertext())) for p in root.iter("p"))
    return in_paragraphs if in_paragraphs >= _MIN_PARAGRAPH_WORDS else words(" ".join(root.itertext()))


def words_shown(reader: str, text: str) -> int:
    """The words a one-document file of ``reader`` shows (HTML: the visible text; text: all of it)."""
    return visible_words(text) if reader == "html" else words(text)


def checked(document: Document, shown: int | None = None) -> Document:
    """``document`` with ``words_in_source`` filled in (from ``shown`` if the reader left it unset) and
    ``text_loss`` set when it keeps less than its reader's minimum share of them."""
    if document.words_in_source is None and shown is not None:
        document = replace(document, words_in_source=shown)
    if not document.words_in_source:
        return document
    minimum, basis = minimum_shares().get(document.reader, minimum_shares()["default"])
    kept = words(document.text)
    if kept >= minimum * document.words_in_source:
        return document
    return replace(document, text_loss=TextLoss(kept, document.words_in_source, minimum, basis))
