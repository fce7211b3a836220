"""How well a paper matches what a news story says about the study it reports: pure functions over
what was read from the store (journal, first author, trial names, dates, values, interventions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..vocabularies import journal_key

THRESHOLD = 0.6  # weights: journal 0.3, first author 0.3, trial name 0.3, date 0.15, shared values 0.15, interventions 0.1
NEWS_LAG_DAYS = (-60, 120)  # news runs from the online-first date, weeks before the issue date, to months after


@dataclass(frozen=True, slots=True)
class Link:
    news: str
    article: str
    study: str
    score: float
    evidence: tuple[str, ...]


@dataclass(slots=True)
class Stated:
    """A result's number as its graph states it."""

    result: str
    value: Decimal
    percent: Decimal | None = None
    count: Decimal | None = None
    unit: str | None = None


@dataclass(slots=True)
class Story:
    """What a news story says about the paper it covers."""

    iri: str
    study: str
    journals: list[str]
    authors: list[str]
    date: date | None
    dois: set[str]
    trials: set[str]
    registered: bool  # it names a registration: its study is known
    values: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Article:
    """A candidate paper, as the store describes it."""

    iri: str
    study: str
    date: date | None = None
    journals: set[str] = field(default_factory=set)  # journal keys
    first: str | None = None  # first author's family name
    doi: str | None = None  # lower-cased
    trials: set[str] = field(default_factory=set)
    kind: str | None = None  # litkg:reportKind ("secondary analysis"), None for a main report
    values: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)


def same_trial(a: set[str], b: set[str]) -> bool:
    return bool({name.upper() for name in a} & {name.upper() for name in b})


def bibliographic(story: Story, article: Article) -> Link | None:
    """The link the story's bibliographic clues and shared content give, or None when the two name
    different trials or nothing bibliographic matches (content alone never links)."""
    if story.trials and article.trials and not same_trial(story.trials, article.trials):
        return None  # the two name different trials: nothing else can make them one study
    evidence = []
    score = 0.0
    if story.trials and article.trials:
        score += 0.3
        evidence.append("trial name " + ", ".join(sorted(story.trials)))
    if story.journals and any(journal_key(j) in article.journals for j in story.journals):
        score += 0.3
        evidence.append("journal")
    if article.first and any(a.split()[-1].lower() == article.first.lower() for a in story.authors):
        score += 0.3
        evidence.append("first author")
    if story.date and article.date:
        lag = (story.date - article.date).days
        if lag == 0:
            score += 0.15
            evidence.append("same date")
        elif NEWS_LAG_DAYS[0] <= lag <= NEWS_LAG_DAYS[1]:
            score += 0.1
            evidence.append("date within news lag")
    if score < 0.3:
        return None
    if story.values and article.values:
        shared = len(story.values & article.values) / len(story.values)
        if shared:
            score += round(0.15 * shared, 3)
            evidence.append(f"shared values {len(story.values & article.values)}/{len(story.values)}")
    if story.subjects & article.subjects:
        score += 0.1
        evidence.append("shared interventions")
    return Link(story.iri, article.iri, article.study, round(score, 3), tuple(evidence))


def best_link(story: Story, candidates: list[Article]) -> Link | None:
    """The best link over the threshold: the cited DOI or the registered study first, then a trial's
    main report before its secondary analyses, then the better bibliographic match."""
    found = []
    for article in candidates:
        clues = bibliographic(story, article)
        if article.doi and article.doi in story.dois:
            link = Link(story.iri, article.iri, article.study, 1.0, (f"same DOI {article.doi}",))
        elif story.registered and article.study == story.study:
            link = Link(story.iri, article.iri, article.study, 1.0, ("same registration",) + (clues.evidence if clues else ()))
        else:
            link = clues
        if link is not None and link.score >= THRESHOLD:
            found.append((link, (article.kind is None, clues.score if clues else 0.0)))
    return max(found, key=lambda c: (c[0].score, c[1], c[0].article), default=(None,))[0]


def correspondences(story: list[Stated], paper: list[Stated]) -> list[tuple[str, str]]:
    """(story result, paper result) pairs that state the same number: equal, or the paper's value
    rounded as the story rounds it ("68%" for 68.2%); a percentage also meets a count's stated share.
    Small whole numbers (under 10) are too common to pair on their own."""
    pairs = []
    for mine in sorted(story, key=lambda s: (s.result, s.value)):
        value, unit = mine.value, mine.unit
        if value == value.to_integral_value() and abs(value) < 10:
            continue
        for theirs in paper:
            if unit == "%":
                candidates = [v for v in (theirs.value if theirs.unit == "%" else None, theirs.percent) if v is not None]
            elif unit == theirs.unit:
                candidates = [theirs.value]
            else:
                candidates = [theirs.count] if theirs.count is not None and unit is not None and theirs.unit is not None else []
            if any(rounds_to(candidate, value) for candidate in candidates):
                pairs.append((mine.result, theirs.result))
    return sorted(set(pairs))


def rounds_to(precise: Decimal, rounded: Decimal) -> bool:
    """Whether ``precise`` rounded to ``rounded``'s decimal places is ``rounded``."""
    places = max(0, -rounded.as_tuple().exponent)
    return round(precise, places) == rounded


def spellings(surname: str) -> set[str]:
    """The ways a family name may be stored, for an exact look-up that matches as if case did not matter."""
    return {surname, surname.lower(), surname.upper(), surname.title(), surname.capitalize()}


def iso_date(value: str | None) -> date | None:
    """A full ISO date ("2024-03-05"), else None (a year or a month is too coarse to compare)."""
    if value is None or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
