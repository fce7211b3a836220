"""Typed records passed between stages: readers -> NLP -> graph builder.

Every record is a frozen dataclass; absent values are ``None`` (never ``""``) and
collections are tuples. Offsets are character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING

from .designs import Arm, DesignStatement
from .document_parts import (
    Citation,
    DataBankEntry,
    Grant,
    Identifiers,
    IndexTerm,
    Journal,
    Person,
    Quote,
    TableCell,
)

if TYPE_CHECKING:
    from .registry_records import RegistryEntry


class DocumentKind(str, Enum):
    """What a document is; decides its RDF class."""

    ARTICLE = "article"  # a journal article (abstract page, MEDLINE record)
    NEWS = "news"  # a news story about a study
    TEXT = "text"  # any other text: extracted, typed as a creative work
    REGISTRY = "registry"  # a trial registry record (litkg:RegistryRecord), its facts in Document.registry


# The section kind of back matter: a press release's boilerplate after "###", a paper's
# acknowledgements, contributions and notes. Kept as text; never the study's findings, people or design.
BACK_MATTER = "back"
TABLE = "table"  # the kind of a section that holds a table, one line per row (see TableCell)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as precise as the source gives it."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the document text: ``kind`` is normalised (title, background, methods,
    results, conclusions, abstract, body), ``heading`` is the heading as written."""

    kind: str
    heading: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextLoss:
    """A document that keeps much less text than its file shows: reported and stored as a
    ``litkg:ReadWarning``. ``basis`` says what was counted in the file."""

    words_kept: int
    words_in_file: int
    minimum_share: float  # the share below which a document of this reader is reported
    basis: str  # "all text", "visible text", "title and abstract elements"

    @property
    def share(self) -> float:
        return self.words_kept / self.words_in_file if self.words_in_file else 1.0

    def reason(self) -> str:
        return (f"kept {self.words_kept:,} of the {self.words_in_file:,} words of its {self.basis} "
                f"({self.share:.0%}; reported below {self.minimum_share:.0%})")


@dataclass(frozen=True, slots=True)
class Document:
    """One document as a reader produced it: exact text plus metadata."""

    source_file: str  # path relative to the extraction root, with "/" separators
    record_key: str | None  # which record inside a multi-record file, else None
    content_hash: str  # "sha256:<hex>" of the file bytes
    kind: DocumentKind
    reader: str
    text: str
    sections: tuple[Section, ...]
    title: str | None = None
    date: PartialDate | None = None
    date_modified: PartialDate | None = None
    authors: tuple[Person, ...] = ()
    reviewers: tuple[Person, ...] = ()
    publisher: str | None = None
    journal: Journal | None = None
    citation: Citation | None = None
    identifiers: Identifiers = field(default_factory=Identifiers)
    copyright: str | None = None
    quotes: tuple[Quote, ...] = ()
    encoding: str | None = None
    publication_types: tuple[IndexTerm, ...] = ()
    mesh_headings: tuple[IndexTerm, ...] = ()
    substances: tuple[IndexTerm, ...] = ()
    keywords: tuple[str, ...] = ()
    databanks: tuple[DataBankEntry, ...] = ()
    cited_dois: tuple[str, ...] = ()  # DOIs the page's story links to (a news story: the paper it reports)
    grants: tuple[Grant, ...] = ()
    language: str | None = None  # ISO 639-2 code as MEDLINE gives it, e.g. "eng"
    words_in_source: int | None = None  # words the file shows for this document (see readers.text_kept)
    text_loss: TextLoss | None = None  # set when the text kept is much shorter than that
    kind_note: str | None = None  # the reader was unsure what the document is: what it read it as, and why
    table_cells: tuple[TableCell, ...] = ()  # the cells of its tables, for readers that keep tables (JATS)
    registry: RegistryEntry | None = None  # what a registry record registers (DocumentKind.REGISTRY)

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None


@dataclass(frozen=True, slots=True)
class DeletedRecords:
    """Records a file says are withdrawn (MEDLINE DeleteCitation): their PMIDs."""

    source_file: str
    pmids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Share:
    """Which records of a file one worker reads: blocks of ``block`` records, every ``parts``-th block
    from block ``part`` on. The shares 0 .. parts-1 of a file together hold each record once."""

    part: int
    parts: int
    block: int = 64

    def wants(self, index: int) -> bool:
        """Whether the record at ``index`` (counted over every record of the file) is in this share."""
        return (index // self.block) % self.parts == self.part


# ---------------------------------------------------------------- NLP records


@dataclass(frozen=True, slots=True)
class Registration:
    """A trial or review registration, normalised: found in the text (with offsets) or listed in the
    record's metadata (``start``/``end`` None, ``metadata`` names the field, e.g. "DataBankList")."""

    start: int | None
    end: int | None
    text: str
    identifier: str  # canonical, e.g. "NCT04599556"
    registry: str  # e.g. "ClinicalTrials.gov"
    iri: str
    metadata: str | None = None
    rule: str = "registrations: identifier in the text"  # which rule made the record (--explain)


@dataclass(frozen=True, slots=True)
class Mention:
    """A drug, therapy or condition named in the text."""

    start: int
    end: int
    text: str
    label: EntityLabel
    concept: str  # normalised name shared by all mentions of the concept
    section: str | None
    negated: bool = False
    hedged: bool = False
    code: str | None = None  # MeSH descriptor ID when known
    substance_class: bool = False  # "amino acids", "salts": mentioned, never a study subject
    rule: str = "entities: lexicon"  # which recogniser found it (--explain)


@dataclass(frozen=True, slots=True)
class TimeFrame:
    text: str  # normalised: "1 year", "24 months", "day 13"
    duration: str | None  # xsd:duration, e.g. "P1Y", when it is a duration
    start: int | None = None  # where the words stand in the document, when known
    end: int | None = None


class Statistic(StrEnum):
    """What a result's value is: its ``litkg:statistic`` (the value is the term's local name)."""

    PROPORTION = "Proportion"
    COUNT = "Count"
    MEAN = "Mean"
    MEDIAN = "Median"
    VALUE = "Value"  # a value of another kind ("56.9 percent reduction", "1.43 minutes")
    DIFFERENCE = "Difference"
    HAZARD_RATIO = "HazardRatio"
    ODDS_RATIO = "OddsRatio"
    RELATIVE_RISK = "RelativeRisk"
    RATE_RATIO = "RateRatio"


class EntityLabel(StrEnum):
    """What a mention names."""

    DRUG = "DRUG"
    THERAPY = "THERAPY"
    CONDITION = "CONDITION"


class SpreadKind(StrEnum):
    """What a result's spread is: standard deviation or standard error."""

    SD = "SD"
    SE = "SE"


BETWEEN_GROUPS = frozenset({Statistic.HAZARD_RATIO, Statistic.ODDS_RATIO, Statistic.RELATIVE_RISK, Statistic.RATE_RATIO,
                            Statistic.DIFFERENCE})  # statistics comparing arms


@dataclass(frozen=True, slots=True)
class Result:
    """One number the document reports about an outcome."""

    start: int  # the words that state the value
    end: int
    text: str
    statistic: Statistic
    value: Decimal | None
    unit: str | None
    endpoint_text: str | None
    endpoint: str | None  # normalised endpoint concept name
    section: str | None
    ci_lower: Decimal | None = None
    ci_upper: Decimal | None = None
    ci_level: Decimal | None = None
    range_lower: Decimal | None = None
    range_upper: Decimal | None = None
    count: int | None = None
    denominator: int | None = None
    time_frame: TimeFrame | None = None
    arm_text: str | None = None
    p_value: str | None = None
    endpoint_start: int | None = None  # where endpoint_text stands in the document, when it does
    endpoint_end: int | None = None
    percent: Decimal | None = None  # the percentage stated with a count: "eight patients (1.3%)"
    spread: Decimal | None = None  # SD or SE stated with a mean: "41.4 ± 13.5"
    spread_kind: SpreadKind | None = None
    rule: str = "results: measure in a result sentence"  # which rule made the record (--explain)

    def endpoint_span(self) -> tuple[int, int] | None:
        """Where the endpoint's own words stand, when they do."""
        if self.endpoint_start is None or self.endpoint_end is None:
            return None
        return self.endpoint_start, self.endpoint_end

    def endpoint_source(self) -> tuple[int, int]:
        """The words the endpoint was read from: its own, else the value's ("3 deaths")."""
        return self.endpoint_span() or (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Enrollment:
    start: int
    end: int
    text: str
    count: int
    described_end: int | None = None  # end of the words describing who ("... undergoing lower abdominal surgery")
    rule: str = "population: enrolment statement"  # which rule made the record (--explain)

    def described(self) -> tuple[int, int]:
        """The words that say who: "10 patients with relapsed or refractory ... lymphoma"."""
        return self.start, self.described_end or self.end

    def names(self, conditions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        """The conditions these words name."""
        start, end = self.described()
        return tuple(m for m in conditions if start <= m.start and m.end <= end)


@dataclass(frozen=True, slots=True)
class Funder:
    start: int
    end: int
    name: str
    rule: str = "funding: funding statement"  # which rule made the record (--explain)


@dataclass(frozen=True, slots=True)
class EndpointMention:
    """An outcome the study assessed, with or without a number."""

    start: int
    end: int
    text: str
    endpoint: str
    primary: bool
    section: str | None = None
    declared: bool = True  # named in an endpoint statement ("the primary end point was ..."), not only mentioned
    rule: str = "endpoints: outcome phrase"  # which rule made the record (--explain)


@dataclass(frozen=True, slots=True)
class ReportedPublication:
    """What a news story says about the paper it covers, for linking."""

    journals: tuple[str, ...]  # journal names as normalised full titles
    lead_authors: tuple[str, ...]  # author names as written
    issue_date_text: str | None
    dois: tuple[str, ...] = ()  # DOIs the story cites (the paper's, when it links it)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP stage found in one document."""

    document: Document
    registrations: tuple[Registration, ...]
    mentions: tuple[Mention, ...]
    results: tuple[Result, ...]
    enrollments: tuple[Enrollment, ...]
    funders: tuple[Funder, ...]
    endpoints: tuple[EndpointMention, ...]
    population_conditions: tuple[Mention, ...]
    reported: ReportedPublication | None
    trial_names: tuple[str, ...] = ()  # "DELIVER-AGE", "RECOVERY"
    report_kind: str | None = None  # "secondary analysis", "post hoc analysis", "long-term follow-up"
    roles: tuple[Section, ...] = ()  # sentence roles read where no heading labels the text
    population_phrases: tuple[tuple[int, int], ...] = ()  # who was studied, as the title or objective says it
    study_subjects: tuple[Mention, ...] = ()  # what the study gave or compared (title, opening, allocation sentences)
    arms: tuple[Arm, ...] = ()  # the arms compared, when the text names them
    study_conditions: tuple[Mention, ...] = ()  # the conditions the study is about (title, opening, objective, population)
    design: DesignStatement | None = None  # the study's design; its design None: the document reports no study

    @property
    def trial(self) -> bool:
        """The study is a randomised or non-randomised trial."""
        return self.design is not None and self.design.trial

    @property
    def reports_study(self) -> bool:
        return self.design is None or self.design.design is not None
