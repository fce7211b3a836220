"""News stories and press releases saved as text (HealthDay, WebMD, wire services, broadcasters,
agencies, universities, press-release services).

Shape: site furniture, the headline, optional "Medically reviewed by ...", "By ..." and
"Published ..." / "Updated ..." lines, a dateline ("THURSDAY, April 25, 2024 (HealthDay News) --",
"LONDON (Reuters) -", "(CNN)"), the body and its quotes with furniture lines among them (dropped,
never ending the story), then either the end (teasers, disclaimers, copyright: not read) or a press
release's back matter ("###", "Contact:", "About ...": kept as back matter that gives no findings).
Which line is which is data: ``ontology/vocab/news_lines.tsv`` (see :mod:`.news_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import BACK_MATTER, Document, DocumentKind, Person, Quote
from .base import Source, TextBuilder, paragraphs
from .dates import parse_date
from .news_lines import UPDATED, LineRole, credit_names, date_line, dateline, line_role
from .people import person, strip_degrees

# "By Elana Gotkine, HealthDay Reporter": a capitalised name, a short line without digits (not "By week 24, ...")
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\d\n]{1,120})$")
_REVIEWED = re.compile(r"^Medically reviewed by\s+(?P<name>[^.]+?(?:,\s*[A-Za-z.]+)*)\.\s*(?:Last updated on\s+(?P<date>.+?)\.?)?$", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:Reporter|Correspondent|Writer|Editor|Contributor|Staff|Journalist|Producer)s?$", re.IGNORECASE)
_ROLE_LINE = re.compile(r"^(?:[A-Z][\w.&'-]*\s+){0,4}(?:Reporter|Correspondent|Writer|Editor|Contributor|Journalist|Producer)s?$")
# a byline that names a body, not a person ("By Reuters Staff", "By The Associated Press")
_ORGANIZATION = re.compile(r"\b(?:Staff|News|Press|Agency|Service|Team|Desk|Editors|Institute|University|Clinic|"
                           r"Foundation|Society|Association|Reuters|Newswire|Wire|Bureau|Department)\b")
_NOT_STORY = re.compile(r"\((?:subscription|payment|free)[^)]*\)\s*$|^(?:Abstract|Full Text|Editorial)(?:/| |$)", re.IGNORECASE)
_RELEASE = re.compile(r"^(?:#{3}|-\s*#{3}\s*-|(?:media )?contacts?:|notes? to editors|for immediate release|embargoed\b|"
                      r"about (?:the )?[A-Z])", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”]{20,}?)[,.]?[\"”]")
_SPEAKER_AFTER = re.compile(r"^\s*,?\s*(?P<who>[^.,;\"“”]{2,80}?)\s+(?:said|says|writes|write|wrote|added|explained|noted|told)\b")
_SPEAKER_AFTER_VERB = re.compile(r"^\s*,?\s*(?:said|says|writes|wrote|added|explained|noted)\s+(?P<who>(?:(?:Dr|Prof|Mr|Mrs|Ms)\.\s+)?[^.,;\"“”]{2,80})")
_PUBLISHER = re.compile(r"©\s*\d{4}\s+(?P<name>[^.]+)")
_MARKER_WINDOW = 12


class NewsTextReader:
    name = "news-text"
    streams = False

    def sniff(self, text: str) -> float:
        return min(sum(weight for _, weight in _signs(text)), 1.0)

    def read(self, source: Source) -> Iterator[Document]:
        lines = paragraphs(source.text)
        start = 0
        while start < len(lines) and (line_role(lines[start]) is LineRole.FURNITURE or len(lines[start].split()) < 3):
            start += 1
        headline_at = _headline(lines, start)
        headline = lines[headline_at] if headline_at < len(lines) else None
        reviewers: list[Person] = []
        authors: list[Person] = []
        credited: list[str] = []  # "(Reporting by ...)" lines: the authors when there is no byline
        date = date_modified = published = None
        publisher = None
        body: list[str] = []
        back: list[str] = []
        copyright_text = None
        # a dateline near the top starts the story: paragraphs above it are teasers ("CNN Films Presents ...")
        story_start = next((i for i in range(headline_at + 1, min(len(lines), headline_at + _MARKER_WINDOW))
                            if dateline(lines[i])), None)
        for index in range(headline_at + 1, len(lines)):
            line = lines[index]
            role = line_role(line)
            if role is LineRole.END and (body or back):
                copyright_text = copyright_text or _copyright_after(lines, index)
                break
            if role is LineRole.BACK and body:
                back.append(line)
                continue
            if back:
                back.append(line)
                continue
            if role is not None or line == headline or _NOT_STORY.search(line):
                credited.extend(credit_names(line))
                continue
            reviewed = _REVIEWED.match(line)
            byline = _BYLINE.match(line)
            if not body and reviewed:
                reviewers.append(person(reviewed.group("name")))
                date_modified = parse_date(reviewed.group("date") or "")
            elif not body and byline:
                names, publisher = byline_names(byline.group("names"))
                authors.extend(news_author(name) for name in names)
            elif not body and (date_line(line) or date_line(line, UPDATED)):
                published = published or date_line(line)
                date_modified = date_modified or date_line(line, UPDATED)
            elif not body and _ROLE_LINE.match(line):
                continue  # "HealthDay Reporter", "CNN Medical Producer" under a byline
            else:
                found = dateline(line) if not body else None
                if found:
                    end, stated, agency = found
                    date = date or stated
                    publisher = publisher or agency
                    line = line[end:]
                if body or found or (len(line.split()) >= 8 and (story_start is None or index > story_start)):
                    body.append(line)
        if publisher is None and copyright_text:
            match = _PUBLISHER.search(copyright_text)
            publisher = match.group("name").strip() if match else None

        builder = TextBuilder()
        if headline:
            builder.add("title", headline)
        for paragraph in body:
            builder.add("body", paragraph)
        for paragraph in back:
            builder.add(BACK_MATTER, paragraph)
        text, sections = builder.build()
        yield source.document(
            self.name, DocumentKind.NEWS, text,
            sections=sections,
            title=headline,
            date=published or date or date_modified,
            date_modified=date_modified,
            authors=with_credits(authors, credited),
            reviewers=tuple(reviewers),
            publisher=publisher,
            copyright=copyright_text,
            quotes=find_quotes(text),
            kind_note=_kind_note(source.text),
        )


def _signs(text: str) -> list[tuple[str, float]]:
    """What makes ``text`` look like a news story or press release, with how much each sign counts."""
    lines = paragraphs(text[:20000])
    head = lines[:_MARKER_WINDOW]
    signs = []
    if any(dateline(line) for line in head[1:]):
        signs.append(("a dateline", 0.5))
    if any(_BYLINE.match(line) for line in head):
        signs.append(("a byline", 0.3))
    if any(date_line(line) or date_line(line, UPDATED) for line in head):
        signs.append(("a 'Published' line", 0.3))
    if sum(1 for line in lines if _RELEASE.match(line)) >= 2 or any(_RELEASE.match(line) for line in head):
        signs.append(("press-release lines", 0.3))
    roles = [line_role(line) for line in lines]
    if any(_REVIEWED.match(line) for line in head) or LineRole.BACK in roles:
        signs.append(("a review line or release back matter", 0.2))
    elif signs and LineRole.END in roles:  # a copyright line alone ends many abstracts too
        signs.append(("an end-of-story line", 0.2))
    return signs


_SURE = 0.5


def _kind_note(text: str) -> str | None:
    signs = _signs(text)
    if sum(weight for _, weight in signs) >= _SURE:
        return None
    found = ", ".join(name for name, _ in signs) or "no news signs"
    return f"read as a news story on weak signs ({found}; no dateline)"


def _headline(lines: list[str], start: int) -> int:
    """The headline: the line above the first byline, review line, date line or dateline near the top
    (site furniture can stand before it), skipping furniture between them; else the first line."""
    for index in range(start, min(len(lines), start + _MARKER_WINDOW)):
        line = lines[index]
        if index > start and (_BYLINE.match(line) or _REVIEWED.match(line) or date_line(line) or date_line(line, UPDATED)
                              or dateline(line)):
            above = [i for i in range(start, index) if line_role(lines[i]) is None and not _ROLE_LINE.match(lines[i])]
            return above[-1] if above else start
    return start


def with_credits(authors: list[Person], credited: list[str]) -> tuple[Person, ...]:
    """The bylines, led by the reporters a credit line names when no byline names a person."""
    if any(not author.organization for author in authors):
        return tuple(authors)
    return tuple(dict.fromkeys([*(news_author(name) for name in credited), *authors]))


def news_author(name: str) -> Person:
    """A byline name as a person, or as an organisation ("Reuters Staff", "HealthDay News")."""
    if _ORGANIZATION.search(name):
        return Person(name, None, None, organization=True)
    return person(name)


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


def _copyright_after(lines: list[str], index: int) -> str | None:
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
