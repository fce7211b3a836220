"""News stories saved as HTML: headline, bylines, dates and publisher from JSON-LD / Open Graph /
meta tags first, then the visible page; the body's paragraphs and the quotes in them. Related-story
teasers, newsletter boxes and other furniture are removed before any text is read."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from bs4 import Tag

from ..records import Document, DocumentKind, Person
from .base import TextBuilder
from .dates import parse_date
from .html_page import Page, blocks, ld_text, names_in, remove_furniture, text_of
from .news_lines import LineRole, dateline, line_role
from .news_text import byline_names, find_quotes
from .people import person

_NEWS_TYPES = ("NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "Article", "WebPage")
_BODY_SELECTORS = ('[itemprop="articleBody"]', '[class*="article-body"]', '[class*="articleBody"]',
                   '[class*="story-body"]', '[class*="post-content"]', '[class*="entry-content"]', "article", "main")
_SKIPPED = re.compile(r"^(?:Advertisement|Story continues below(?: advertisement)?|Continue reading|ADVERTISEMENT)\W*$", re.IGNORECASE)
_BYLINE_TEXT = re.compile(r"^By\s+(.+)$")
_MIN_WORDS = 6
_DOI_LINK = re.compile(r"(?<=doi\.org/)10\.\d{4,9}/[^\s?#]+|^10\.\d{4,9}/\S+")


def read_news_page(page: Page) -> Document:
    metadata = page.metadata
    ld = metadata.json_ld_of(*_NEWS_TYPES) or {}
    site = metadata.first("og:site_name") or (names_in(ld.get("publisher")) or [None])[0]
    headline = (ld_text(ld, "headline") or _strip_site(metadata.first("og:title", "twitter:title"), site)
                or text_of(page.soup.find("h1")) or _strip_site(text_of(page.soup.title), site) or None)
    remove_furniture(page.soup)
    body_root = _body_root(page.soup)
    authors = _authors(page, ld, body_root)
    paragraphs, dateline_date = _paragraphs(body_root, headline)
    cited = tuple(dict.fromkeys(m.group(0).lower() for a in body_root.find_all("a", href=True)
                                for m in [_DOI_LINK.search(unquote(a["href"]))] if m))
    builder = TextBuilder()
    if headline:
        builder.add("title", headline)
    for paragraph in paragraphs:
        builder.add("body", paragraph)
    text, sections = builder.build()
    date = parse_date(ld_text(ld, "datePublished") or metadata.first("article:published_time", "date", "dc.date",
                                                                       "pubdate", "parsely-pub-date") or _time(page.soup) or "")
    return page.source.document(
        "html-news", DocumentKind.NEWS, text,
        sections=sections,
        title=headline,
        date=date or dateline_date,
        date_modified=parse_date(ld_text(ld, "dateModified") or metadata.first("article:modified_time") or ""),
        authors=authors,
        publisher=site,
        quotes=find_quotes(text),
        cited_dois=cited,
        kind_note=None if ld or metadata.first("og:type") in ("article", "news") or metadata.first("article:published_time")
        else "no article or news metadata (JSON-LD, og:type, article:published_time): read as a news or web page",
    )


def _body_root(soup: Tag) -> Tag:
    for selector in _BODY_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and len(text_of(found).split()) > 30:
            return found
    return soup.body or soup


def _paragraphs(root: Tag, headline: str | None):
    """Body paragraphs up to the first end-of-story marker; a dateline is cut from the first one."""
    found: list[str] = []
    date = None
    for name, text in blocks(root):
        role = line_role(text)
        if name.startswith("h") and name[1:].isdigit():
            if found and role in (LineRole.END, LineRole.BACK):
                break
            continue
        if _SKIPPED.match(text) or role is LineRole.FURNITURE:
            continue
        if role is not None:
            if found:
                break
            continue
        if text == headline or _BYLINE_TEXT.match(text) or (len(text.split()) < _MIN_WORDS and not found):
            continue
        if not found:
            stated = dateline(text)
            if stated:
                date = stated[1]
                text = text[stated[0]:]
        if len(text.split()) >= 3:
            found.append(text)
    return found, date


def _authors(page: Page, ld: dict[str, Any], body_root: Tag) -> tuple[Person, ...]:
    names = names_in(ld.get("author"))
    if not names:
        names = [value for value in page.metadata.all("author", "article:author", "parsely-author", "sailthru.author")
                 if not value.startswith("http")]
    if not names:
        byline = page.soup.select_one('[rel="author"], [class*="byline"], [class*="author-name"], [itemprop="author"]')
        text = text_of(byline)
        match = _BYLINE_TEXT.match(text)
        if text:
            names, _ = byline_names(match.group(1) if match else text)
    split = [part for name in names for part in re.split(r"\s+and\s+|,\s*(?:and\s+)?", name) if part.strip()]
    return tuple(person(name) for name in dict.fromkeys(split))


def _time(soup: Tag) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else None


def _strip_site(title: str | None, site: str | None) -> str | None:
    """ "Study finds X | HealthDay" -> "Study finds X"."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (site is None or site.lower() in parts[-1].lower() or len(parts[-1].split()) <= 3):
        return " - ".join(parts[:-1]).strip() or title
    return title
