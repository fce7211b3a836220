"""XML parsing that cannot be turned against the user: no external entities, no DTD fetching,
no entity expansion, streamed element by element with flat memory."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from ..errors import ParseError

_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
PROLOG_LIMIT = 1 << 16


def check_prolog(head: bytes) -> str:
    """The root element's name, after refusing documents that declare entities in an internal DTD
    subset (billion laughs, external-entity file reads). ``head`` is the file's first bytes."""
    text = _ascii_view(head)
    root = _ROOT.search(text)
    subset = _DOCTYPE_SUBSET.search(text)
    if subset and (root is None or subset.start() < root.start()):
        if b"<!ENTITY" in text.upper() or root is None:
            raise ParseError("XML declares entities in its DTD (<!ENTITY ...>): refused, because entity "
                             "expansion and external entities can exhaust memory or read local files")
    if root is None:
        raise ParseError("no XML root element in the first 64 KiB")
    return root.group(1).decode("ascii", "replace")


def _ascii_view(head: bytes) -> bytes:
    """UTF-16 XML has a NUL beside every ASCII byte: drop them so markup can be found."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        return head.replace(b"\x00", b"")
    return head


def iter_elements(stream: BinaryIO, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Each complete element named in ``tags``, in document order; earlier ones are freed, so a
    multi-gigabyte file parses in constant memory. Damage (truncation, bad gzip, malformed markup)
    raises :class:`ParseError` after every intact element before it has been yielded."""
    parser = etree.iterparse(
        stream, events=("end",), tag=tags, resolve_entities=False, load_dtd=False, no_network=True,
        dtd_validation=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        for _, element in parser:
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ParseError(_syntax_reason(exc)) from None
    except EOFError:
        raise ParseError("the compressed file is truncated (gzip stream ends early)") from None
    except (zlib.error, OSError) as exc:
        raise ParseError(f"the compressed data is damaged: {exc}") from None


def _syntax_reason(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc)
    if "Premature end" in message or "EndTag" in message or "not properly terminated" in message:
        return f"the XML is truncated or malformed ({message})"
    return f"malformed XML: {message}"
