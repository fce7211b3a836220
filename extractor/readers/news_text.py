"""Plain-text dumps of news stories about studies (HealthDay, Reuters Health, press pages ...).

Shape: site furniture, the headline, optional "Medically reviewed by ..." and "By ..." lines,
a dateline ("THURSDAY, April 25, 2024 -- ..."), the body and its quotes, then furniture that
is not part of the story (source links, disclaimers, copyright, "Read this next" teasers,
newsletter boxes) and yields no facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Document, DocumentKind, Person, Quote
from .base import Source, TextBuilder, paragraphs
from .dates import MONTH_PATTERN, parse_date
from .people import person, strip_degrees

_WEEKDAY = r"(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
DATELINE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:[A-Z][A-Za-z .]+,?\s+)?(?P<date>{MONTH_PATTERN}\s+\d{{1,2}},?\s+\d{{4}})\s*(?:--|—|–|-)\s*",
    re.IGNORECASE,
)
# "By Elana Gotkine, HealthDay Reporter": a capitalised name, a short line without digits (not "By week 24, ...")
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\d\n]{1,120})$")
_REVIEWED = re.compile(r"^Medically reviewed by\s+(?P<name>[^.]+?(?:,\s*[A-Za-z.]+)*)\.\s*(?:Last updated on\s+(?P<date>.+?)\.?)?$", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:Reporter|Correspondent|Writer|Editor|Contributor|Staff|Journalist)s?$", re.IGNORECASE)
END_OF_STORY = re.compile(
    r"^(?:Read this next|Related(?: stories| articles| news)?:?$|More news|More from|Subscribe\b|Sign up\b|"
    r"Disclaimer:|Copyright\b|©|Sources?:|Recommended\b|Trending\b|Popular\b|Advertisement$)",
    re.IGNORECASE,
)
_ABSTRACT_END = re.compile(r"^(?:Copyright\b|©)", re.IGNORECASE)
_NOT_STORY = re.compile(r"\((?:subscription|payment|free)[^)]*\)\s*$|^(?:Abstract|Full Text|Editorial)(?:/| |$)", re.IGNORECASE)
_FURNITURE = re.compile(r"^(?:Skip to (?:main )?content|Menu|Search|Home|Sign in|Log in|Share|Print|Email)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”]{20,}?)[,.]?[\"”]")
_SPEAKER_AFTER = re.compile(r"^\s*,?\s*(?P<who>[^.,;\"“”]{2,80}?)\s+(?:said|says|writes|write|wrote|added|explained|noted|told)\b")
_SPEAKER_AFTER_VERB = re.compile(r"^\s*,?\s*(?:said|says|writes|wrote|added|explained|noted)\s+(?P<who>(?:(?:Dr|Prof|Mr|Mrs|Ms)\.\s+)?[^.,;\"“”]{2,80})")
_PUBLISHER = re.compile(r"©\s*\d{4}\s+(?P<name>[^.]+)")


class NewsTextReader:
    name = "news-text"
    streams = False

    def sniff(self, text: str) -> float:
        lines = paragraphs(text[:20000])
        score = 0.0
        if any(DATELINE.match(line) for line in lines[:12]):
            score += 0.5
        if any(_BYLINE.match(line) for line in lines[:10]):
            score += 0.3
        ends = [line for line in lines if END_OF_STORY.match(line)]
        if any(_REVIEWED.match(line) for line in lines[:10]) or any(not _ABSTRACT_END.match(line) for line in ends):
            score += 0.2
        elif score and ends:
            score += 0.2  # a copyright line alone ends many abstracts too: it only adds to another news sign
        return score

    def read(self, source: Source) -> Iterator[Document]:
        lines = [line for line in paragraphs(source.text)]
        start = 0
        while start < len(lines) and (_FURNITURE.match(lines[start]) or len(lines[start].split()) < 3):
            start += 1
        # the headline is the line right above the byline, review line or dateline when there is one
        marker = next((i for i in range(start, min(len(lines), start + 12)) if _BYLINE.match(lines[i])
                       or _REVIEWED.match(lines[i]) or DATELINE.match(lines[i])), None)
        if marker is not None and marker > start:
            start = marker - 1
        headline = lines[start] if start < len(lines) else None
        reviewers: list[Person] = []
        authors: list[Person] = []
        date = date_modified = None
        publisher = None
        body: list[str] = []
        copyright_text = None
        for line in lines[start + 1:]:
            if body and END_OF_STORY.match(line):
                copyright_text = copyright_text or _copyright_after(lines, line)
                break
            reviewed = _REVIEWED.match(line)
            byline = _BYLINE.match(line)
            if not body and reviewed:
                reviewers.append(person(reviewed.group("name")))
                date_modified = parse_date(reviewed.group("date") or "")
            elif not body and byline:
                names, publisher = byline_names(byline.group("names"))
                authors.extend(person(name) for name in names)
            elif _NOT_STORY.search(line):
                continue
            else:
                dateline = DATELINE.match(line) if not body else None
                if dateline:
                    date = parse_date(dateline.group("date"))
                    line = line[dateline.end():]
                if body or dateline or len(line.split()) >= 8:
                    body.append(line)
        if publisher is None and copyright_text:
            match = _PUBLISHER.search(copyright_text)
            publisher = match.group("name").strip() if match else None

        builder = TextBuilder()
        if headline:
            builder.add("title", headline)
        for paragraph in body:
            builder.add("body", paragraph)
        text, sections = builder.build()
        yield source.document(
            self.name, DocumentKind.NEWS, text,
            sections=sections,
            title=headline,
            date=date or date_modified,
            date_modified=date_modified,
            authors=tuple(authors),
            reviewers=tuple(reviewers),
            publisher=publisher,
            copyright=copyright_text,
            quotes=find_quotes(text),
        )


def byline_names(text: str) -> tuple[list[str], str | None]:
    """ "Elana Gotkine HealthDay Reporter" -> (["Elana Gotkine"], "HealthDay")."""
    publisher = None
    words = text.split()
    if words and _ROLE.search(words[-1]):
        words = words[:-1]
        if len(words) > 2 and (any(ch.isupper() for ch in words[-1][1:]) or words[-1].isupper()):
            publisher = words.pop()
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", " ".join(words))
    return [strip_degrees(name) for name in names if strip_degrees(name)], publisher


def _copyright_after(lines: list[str], stop_line: str) -> str | None:
    index = lines.index(stop_line)
    return next((line for line in lines[index:] if line.startswith(("©", "Copyright"))), None)


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Direct quotations of at least 20 characters, with the speaker named right after them."""
    quotes = []
    for match in _QUOTE.finditer(text):
        after = text[match.end(): match.end() + 120]
        speaker = _SPEAKER_AFTER_VERB.match(after) or _SPEAKER_AFTER.match(after)
        quotes.append(
            Quote(
                text=match.group("q"),
                speaker=speaker.group("who").strip() if speaker else None,
                start=match.start("q"),
                end=match.end("q"),
            )
        )
    return tuple(quotes)
