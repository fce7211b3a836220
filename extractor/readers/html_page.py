"""An HTML page parsed once: what it publishes for machines (Highwire ``citation_*``, schema.org
JSON-LD, Dublin Core, Open Graph), and the removal of page furniture (scripts, navigation, cookie
banners, advertisements, related-article and newsletter boxes) before any text is read."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from .base import Source, fold_spaces
from .html_tree import Element, classes, drop, find, find_all, iter_below, joined_text, parse_html

_FURNITURE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav", "select",
                   "input", "textarea", "canvas", "object", "embed", "dialog")
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"}
# words in class or id names that mark page furniture ("related-articles", "cookie_banner", "ad-slot")
FURNITURE_WORDS = {
    "cookie", "cookies", "consent", "gdpr", "ad", "ads", "advert", "adverts", "advertisement", "advertising",
    "sponsor", "sponsored", "promo", "promotion", "related", "recommended", "recommendations", "newsletter",
    "subscribe", "subscription", "signup", "share", "sharing", "social", "sidebar", "breadcrumb", "breadcrumbs",
    "comments", "popup", "modal", "similar", "citedby", "teaser", "teasers", "trending", "popular", "outbrain",
    "taboola", "toolbar", "menu", "navbar", "navigation", "masthead", "footer", "paywall", "widget", "skip",
    # whole names with their separators removed: "read-more", "most_read", "you-may-also-like"
    "readmore", "readnext", "morestories", "morenews", "mostread", "mostpopular", "youmayalsolike", "alsoread",
    # text only screen readers are given ("Media caption", "Image copyright")
    "offscreen", "sronly", "visuallyhidden", "screenreadertext", "screenreaderonly",
    "pullquote",  # a pull quote repeats a sentence of the story in large type
}
# a furniture-named tag holding the headline (h1) or the article, and more than this share of the paragraph words,
# is the story's wrapper ("ad-template-type--article", "no-share post hentry"), not furniture: it stays, and its
# children are still judged
_WRAPPER_SHARE = 0.5
_KEEP = {"html", "body", "main"}
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_SEPARATORS = re.compile(r"[-_\s]")
_ARTICLE_BODY = etree.XPath(".//*[@itemprop='articleBody']")
_MAY_BE_FURNITURE = etree.XPath(".//*[@role or @hidden or @aria-hidden or @class or @id or @data-component]")
_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "figcaption")


@dataclass(slots=True)
class PageMetadata:
    """Machine-readable metadata of a page: meta tags in document order, and JSON-LD objects."""

    meta: list[tuple[str, str]] = field(default_factory=list)  # (lower-cased name or property, content)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    canonical: str | None = None

    def all(self, *names: str) -> list[str]:
        wanted = {name.lower() for name in names}
        return [value for name, value in self.meta if name in wanted and value]

    def first(self, *names: str) -> str | None:
        """The first non-empty value among ``names``, in the order the names are given."""
        for name in names:
            values = self.all(name)
            if values:
                return values[0]
        return None

    def json_ld_of(self, *types: str) -> dict[str, Any] | None:
        for item in self.json_ld:
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(kind in types for kind in kinds):
                return item
        return None


@dataclass(slots=True)
class Page:
    root: Element  # the document's <html> element
    metadata: PageMetadata
    source: Source


# what is never read, cut from the markup before it is parsed (a tree of it can cost more than the rest of the
# page: every <path> of an inline SVG icon); JSON-LD scripts are kept for the metadata
_NEVER_READ_OPEN = re.compile(r"<(script|style|svg|noscript|template)\b[^>]{0,4000}>|<!--", re.IGNORECASE)
_JSON_LD_OPEN = re.compile(r"ld\+json", re.IGNORECASE)
_NEVER_READ_CLOSE = {name: re.compile(rf"</{name}\b[^>]{{0,200}}>", re.IGNORECASE)
                     for name in ("script", "style", "svg", "noscript", "template")}


def _without_never_read(html: str) -> str:
    """``html`` without scripts (but JSON-LD), styles, inline SVG, noscript, templates and comments; an
    element left unclosed stays for the parser. One pass: each cut searches on from where it starts."""
    kept, at = [], 0
    while (match := _NEVER_READ_OPEN.search(html, at)) is not None:
        name = (match.group(1) or "").lower()
        if name == "script" and _JSON_LD_OPEN.search(match.group(0)):
            kept.append(html[at:match.end()])
            at = match.end()
            continue
        if name:
            closed = _NEVER_READ_CLOSE[name].search(html, match.end())
            end = closed.end() if closed else 0
        else:
            close = html.find("-->", match.end())
            end = close + 3 if close >= 0 else 0
        if end <= 0:
            break
        kept.append(html[at:match.start()])
        kept.append(" ")
        at = end
    kept.append(html[at:])
    return "".join(kept)


def parse_page(source: Source) -> Page:
    root = parse_html(_without_never_read(source.text or ""))
    return Page(root, _metadata(root), source)


def _metadata(root: Element) -> PageMetadata:
    metadata = PageMetadata()
    for tag in iter_below(root, "meta"):
        name = tag.get("name") or tag.get("property") or tag.get("itemprop")
        content = tag.get("content") if tag.get("content") is not None else tag.get("value")  # <meta value=...>
        if name and content is not None:
            metadata.meta.append((name.strip().lower(), fold_spaces(content)))
    for script in iter_below(root, "script"):
        if _JSON_LD_OPEN.search(script.get("type") or ""):
            metadata.json_ld.extend(_json_ld_objects(script.text or ""))
    link = next((tag for tag in iter_below(root, "link") if "canonical" in (tag.get("rel") or "")), None)
    if link is not None and link.get("href"):
        metadata.canonical = link.get("href").strip()
    return metadata


def _json_ld_objects(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError):
        return []
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            if "@type" in item:
                found.append(item)
    return found


def remove_furniture(root: Element) -> None:
    """Delete everything that is not content: scripts, navigation, banners, ads, related-story boxes."""
    for tag in find_all(root, *_FURNITURE_TAGS):
        drop(tag)
    for tag in find_all(root, "header", "footer", "aside"):
        if find(tag, "h1") is None:  # a page <header> holding the headline stays
            drop(tag)
    paragraph_words = _paragraph_words(root)
    # the tags that could be furniture, in document order, each judged on the tree as earlier removals left it;
    # a removed tag's contents go with it (they follow it in the list)
    candidates = _MAY_BE_FURNITURE(root)
    at = 0
    while at < len(candidates):
        tag = candidates[at]
        at += 1
        if tag.tag not in _KEEP and (
                (tag.get("role") or "").lower() in _FURNITURE_ROLES or tag.get("hidden") is not None
                or tag.get("aria-hidden") == "true" or is_furniture_name(tag) and not _is_wrapper(tag, paragraph_words)):
            at += len(_MAY_BE_FURNITURE(tag))
            drop(tag)


def _is_wrapper(tag: Element, paragraph_words: int) -> bool:
    holds_story = find(tag, "h1", "article") is not None or bool(_ARTICLE_BODY(tag))
    return holds_story and _paragraph_words(tag) > _WRAPPER_SHARE * paragraph_words


def _paragraph_words(root: Element) -> int:
    return sum(len(joined_text(p, " ").split()) for p in iter_below(root, "p"))


def is_furniture_name(tag: Element) -> bool:
    names = (*classes(tag), tag.get("id"), tag.get("data-component"))
    return any(_furniture_name(name) for name in names if name)


@lru_cache(maxsize=8192)
def _furniture_name(name: str) -> bool:
    """A class or id name made of a furniture word ("related-articles", "cookieBanner", "most_read")."""
    words = {word.lower() for word in _WORD_SPLIT.split(name) if word}
    words.add(_SEPARATORS.sub("", name).lower())
    return bool(words & FURNITURE_WORDS)


def text_of(tag: Element | None) -> str:
    """A tag's visible text on one line, inline elements joined without invented spaces."""
    if tag is None:
        return ""
    return fold_spaces(joined_text(tag))


def block_tags(root: Element) -> list[tuple[Element, str]]:
    """Each innermost block element under ``root`` with its text, in order."""
    found = []
    for tag in iter_below(root, *_BLOCKS):
        if find(tag, *_BLOCKS) is not None:
            continue  # its inner blocks are visited themselves
        text = text_of(tag)
        if text:
            found.append((tag, text))
    return found


def run_in_label(tag: Element) -> str | None:
    """The bold label a paragraph starts with ("<p><b>Data sources</b> Medline ..."), if any."""
    if (tag.text or "").strip():
        return None
    first = tag[0] if len(tag) else None
    if first is not None and first.tag in ("b", "strong"):
        label = text_of(first).rstrip(":.").strip()
        if label and len(label.split()) <= 8 and label != text_of(tag).rstrip(":.").strip():
            return label
    return None


def ld_text(ld: dict[str, Any], *keys: str) -> str | None:
    """The first non-empty string among ``keys`` of a JSON-LD object, on one line."""
    for key in keys:
        value = ld.get(key)
        if isinstance(value, str) and value.strip():
            return fold_spaces(value)
    return None


def names_in(value: Any) -> list[str]:
    """Person or organisation names in a JSON-LD author/publisher value (object, list or string)."""
    if isinstance(value, str):
        return [fold_spaces(value)] if value.strip() else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return [fold_spaces(name)]
        given, family = value.get("givenName"), value.get("familyName")
        return [fold_spaces(f"{given or ''} {family or ''}")] if given or family else []
    if isinstance(value, list):
        return [name for item in value for name in names_in(item)]
    return []
