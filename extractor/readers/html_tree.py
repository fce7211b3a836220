"""An HTML page's element tree (lxml) and the few ways the HTML readers look into it: tags and CSS
selectors below an element, an element's visible text, removing an element.

Parsing is libxml2's HTML parser (no network, no entity expansion beyond HTML's own); a page nested
deeper than it builds (256 levels) is parsed again through a tree builder that has no depth limit, so
no text is lost to the parser's limit. Text is what a reader sees: never the content of ``script``,
``style``, ``template`` or ruby annotations (``rt``, ``rp``), never comments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

Element = etree._Element

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_NODES = etree.XPath(".//text()", smart_strings=False)
NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


def _parser(target: etree.TreeBuilder | None = None) -> etree.HTMLParser:
    return etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, target=target)


def parse_html(markup: str) -> Element:
    """The document's root element (``<html>``); an empty page gives an empty document."""
    data = markup.encode("utf-8", "replace")
    parser = _parser()
    root = etree.fromstring(data, parser) if data.strip() else None
    if root is not None and any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        root = _parse_deep(data)
    return root if root is not None and root.tag == "html" else etree.fromstring(b"<html><body></body></html>", _parser())


def _parse_deep(data: bytes) -> Element | None:
    """The same parse through a tree builder: the parser's events, without its tree's depth limit."""
    parser = _parser(target=etree.TreeBuilder())
    parser.feed(data)
    return parser.close()


def find_all(root: Element, *tags: str) -> list[Element]:
    """The elements below ``root`` (not ``root`` itself) named ``tags`` (any element without), in order."""
    return list(iter_below(root, *tags))


def find(root: Element, *tags: str) -> Element | None:
    """The first element below ``root`` named one of ``tags``."""
    return next(root.iterdescendants(*tags), None)


def iter_below(root: Element, *tags: str) -> Iterator[Element]:
    return root.iterdescendants(*tags) if tags else root.iterdescendants(etree.Element)


@lru_cache(maxsize=256)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select(root: Element, css: str) -> list[Element]:
    """Elements below ``root`` matching the CSS selector ``css`` (a group "a, b" in document order)."""
    return [element for element in _selector(css)(root) if element is not root]


def select_one(root: Element, css: str) -> Element | None:
    found = select(root, css)
    return found[0] if found else None


def classes(element: Element) -> list[str]:
    return (element.get("class") or "").split()


def strings(element: Element) -> list[str]:
    """The text pieces of ``element`` in document order, as a reader sees them (see the module's note)."""
    if element.tag in NOT_TEXT or next(element.iterdescendants(*NOT_TEXT), None) is None:
        return list(element.itertext())
    found: list[str] = []
    hidden = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        inside = node is not element and node.tag in NOT_TEXT
        if event == "start":
            if inside:
                hidden += 1
            elif not hidden and node.text:
                found.append(node.text)
        else:
            if inside:
                hidden -= 1
            if not hidden and node is not element and node.tail:
                found.append(node.tail)
    return found


def joined_text(element: Element, separator: str = "") -> str:
    return separator.join(strings(element))


def text_nodes(root: Element) -> list[str]:
    """Every text node under ``root`` (tails included), in document order."""
    return _TEXT_NODES(root)


def drop(element: Element) -> None:
    """Remove ``element`` and what it holds; the text after it stays (joined to the text before it)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = _settable((parent.text or "") + element.tail)
        else:
            previous.tail = _settable((previous.tail or "") + element.tail)
    parent.remove(element)


def _settable(text: str) -> str:
    """``text`` as lxml lets it be set: a control character the parser kept (lxml refuses to set one) is a space."""
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text
