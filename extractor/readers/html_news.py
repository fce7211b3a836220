"""News stories saved as HTML: headline, bylines, dates and publisher from JSON-LD / Open Graph /
meta tags first, then the visible page; the body's paragraphs and the quotes in them. Related-story
teasers, newsletter boxes and other furniture are removed before any text is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..records import Document, DocumentKind, PartialDate, Person
from .base import TextBuilder
from .dates import best_date, parse_date
from .html_page import Page, block_tags, ld_text, names_in, remove_furniture, text_of
from .html_tree import Element, classes, drop, find, find_all, iter_below, select_one
from .news_lines import UPDATED, LineRole, credit_names, date_line, dateline, line_role
from .news_text import byline_names, find_quotes, news_author, with_credits
from .people import strip_degrees

_NEWS_TYPES = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "Article", "WebPage")
_BODY_SELECTORS = ('[itemprop="articleBody"]', '[class*="article-body"]', '[class*="articleBody"]',
                   '[class*="story-body"]', '[class*="post-content"]', '[class*="entry-content"]', "article", "main")
_SKIPPED = re.compile(r"^(?:Advertisement|Story continues below(?: advertisement)?|Continue reading|ADVERTISEMENT)\W*$", re.IGNORECASE)
_BYLINE_TEXT = re.compile(r"^By\s+(.+)$")
_BYLINE_SPLIT = re.compile(r"^(?P<names>[A-Z][^:|–—]{2,80}?)\s*[:|–—]\s+(?P<story>\S.*)$")
_BYLINE_SELECTOR = '[rel="author"], [class*="byline"], [class*="author-name"], [itemprop="author"]'
_DATE_NAME = re.compile(r"date|time|posted|published|timestamp")
_MIN_WORDS = 6
_LINK_SHARE_ITEM = 0.5  # a list item half or more link words is a link to another story
_LINK_SHARE_PARAGRAPH = 0.9
_SHORT_PARAGRAPH = 20
_DOI_LINK = re.compile(r"(?<=doi\.org/)10\.\d{4,9}/[^\s?#]+|^10\.\d{4,9}/\S+")


@dataclass(slots=True)
class _Body:
    """What the story's paragraphs hold besides the story: the dates and names stated in them."""

    paragraphs: list[str] = field(default_factory=list)
    dateline: PartialDate | None = None
    posted: str | None = None  # a "Posted: Thursday, April 21, 2022" line
    updated: str | None = None
    bylines: list[str] = field(default_factory=list)  # "By Aaron Humes : The Americas ..."
    credited: list[str] = field(default_factory=list)  # "(Reporting by Will Dunham; Editing by ...)"


def read_news_page(page: Page) -> Document:
    metadata = page.metadata
    ld = metadata.json_ld_of(*_NEWS_TYPES) or {}
    site = metadata.first("og:site_name") or (names_in(ld.get("publisher")) or [None])[0]
    headline = (ld_text(ld, "headline") or _strip_site(metadata.first("og:title", "twitter:title"), site)
                or text_of(find(page.root, "h1")) or _strip_site(text_of(find(page.root, "title")), site) or None)
    shown_date = _shown_date(page.root)
    remove_furniture(page.root)
    for caption in find_all(page.root, "figure", "figcaption"):
        drop(caption)  # photo captions and credits are not the story
    body_root = _body_root(page.root)
    body = _paragraphs(body_root, headline)
    cited = tuple(dict.fromkeys(m.group(0).lower() for a in iter_below(body_root, "a") for href in [a.get("href")]
                                if href is not None for m in [_DOI_LINK.search(unquote(href))] if m))
    builder = TextBuilder()
    if headline:
        builder.add("title", headline)
    for paragraph in body.paragraphs:
        builder.add("body", paragraph)
    text, sections = builder.build()
    published = best_date([ld_text(ld, "datePublished") or "",
                           *metadata.all("article:published_time", "date", "dc.date", "dc.date.issued", "pubdate",
                                         "parsely-pub-date", "sailthru.date", "publish-date"),
                           _time(page.root) or "", body.posted or "", shown_date or ""])
    return page.source.document(
        "html-news", DocumentKind.NEWS, text,
        sections=sections,
        title=headline,
        date=published or body.dateline,
        date_modified=best_date([ld_text(ld, "dateModified") or "",
                                 *metadata.all("article:modified_time", "og:updated_time"), body.updated or ""]),
        authors=_authors(page, ld, body_root, body),
        publisher=site,
        quotes=find_quotes(text),
        cited_dois=cited,
        kind_note=None if ld or metadata.first("og:type") in ("article", "news") or metadata.first("article:published_time")
        else "no article or news metadata (JSON-LD, og:type, article:published_time): read as a news or web page",
    )


def _body_root(root: Element) -> Element:
    for selector in _BODY_SELECTORS:
        found = select_one(root, selector)
        if found is not None and len(text_of(found).split()) > 30:
            return found
    body = find(root, "body")
    return body if body is not None else root


def _paragraphs(root: Element, headline: str | None) -> _Body:
    """Body paragraphs up to the first end-of-story marker; a dateline is cut from the first one, a
    byline that opens it is read as one; link lists and furniture lines are left out."""
    body = _Body()
    found = body.paragraphs
    for tag, text in block_tags(root):
        name = tag.tag
        role = line_role(text)
        if name.startswith("h") and name[1:].isdigit():
            if found and role in (LineRole.END, LineRole.BACK):
                break
            continue
        if not found and (date_line(text) or date_line(text, UPDATED)):
            body.posted = body.posted or (text if date_line(text) else None)
            body.updated = body.updated or (text if date_line(text, UPDATED) else None)
            continue
        if _SKIPPED.match(text) or role is LineRole.FURNITURE:
            body.credited.extend(credit_names(text))
            continue
        if role is not None:
            if found:
                break
            continue
        if _is_link_list_item(tag, text):
            continue
        byline = _BYLINE_TEXT.match(text)
        if byline:
            names, rest = _byline_and_story(byline.group(1))
            if not found:
                body.bylines.extend(names)
            if len(rest.split()) < _MIN_WORDS:
                continue
            text = rest
        if text == headline or (len(text.split()) < _MIN_WORDS and not found):
            continue
        if not found:
            stated = dateline(text)
            if stated:
                body.dateline = stated[1]
                text = text[stated[0]:]
        if len(text.split()) >= 3:
            found.append(text)
    return body


def _byline_and_story(text: str) -> tuple[list[str], str]:
    """ "Aaron Humes : The Americas cannot ..." -> (["Aaron Humes"], "The Americas cannot ...")."""
    match = _BYLINE_SPLIT.match(text)
    if match is None:
        names, _ = byline_names(text)
        return names, ""
    names, _ = byline_names(match.group("names"))
    return names, match.group("story")


def _is_link_list_item(tag: Element, text: str) -> bool:
    """A list item, or a short paragraph, that is mostly a link: a teaser of another page."""
    if tag.tag not in ("li", "p"):
        return False
    linked = sum(len(text_of(a).split()) for a in iter_below(tag, "a"))
    words = len(text.split())
    if tag.tag == "li":
        return linked >= _LINK_SHARE_ITEM * words
    return words <= _SHORT_PARAGRAPH and linked >= _LINK_SHARE_PARAGRAPH * words


def _authors(page: Page, ld: dict[str, Any], body_root: Element, body: _Body) -> tuple[Person, ...]:
    names = names_in(ld.get("author"))
    if not names:
        names = [value for value in page.metadata.all("author", "article:author", "parsely-author", "sailthru.author")
                 if not value.startswith("http")]
    if not names:
        byline = select_one(body_root, _BYLINE_SELECTOR)
        byline = byline if byline is not None else select_one(page.root, _BYLINE_SELECTOR)
        text = text_of(byline)
        match = _BYLINE_TEXT.match(text)
        if text:
            names, _ = byline_names(match.group(1) if match else text)
    names = names or body.bylines
    # "Jane Roe, MA, RD and John Doe" -> Jane Roe, John Doe: a degree after a comma is not a second person
    split = [strip_degrees(part) for name in names for part in re.split(r"\s+and\s+|,\s*(?:and\s+)?", name)
             if strip_degrees(part)]
    return with_credits([news_author(name) for name in dict.fromkeys(split)], body.credited)


def _shown_date(root: Element) -> str | None:
    """The first short element named for a date ("buzz_datetime", "author-name-date") whose text is one."""
    for tag in iter_below(root, "span", "div", "p", "time", "li"):
        names = " ".join([*classes(tag), tag.get("id") or ""]).lower()
        if _DATE_NAME.search(names) and find(tag, "div", "p") is None:
            text = text_of(tag)
            if 6 <= len(text) <= 80 and parse_date(text):
                return text
    return None


def _time(root: Element) -> str | None:
    return next((tag.get("datetime") for tag in iter_below(root, "time") if tag.get("datetime") is not None), None)


def _strip_site(title: str | None, site: str | None) -> str | None:
    """ "Study finds X | HealthDay" -> "Study finds X"."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (site is None or site.lower() in parts[-1].lower() or len(parts[-1].split()) <= 3):
        return " - ".join(parts[:-1]).strip() or title
    return title
