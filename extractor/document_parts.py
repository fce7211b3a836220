"""The parts of a document's metadata that readers fill (authors, journal, citation, identifiers,
quotes, index terms, registry links, grants) and the cells of its tables: frozen records, re-exported
by ``extractor.records``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableCell:
    """One body cell of a table kept as text (one line per row: "row: column value; ..."): where its
    value, its row's label, the label of the row group above it and its column's header stand."""

    table: int  # which table of the document, counted from 0
    caption: str | None  # "Table 2 Summary of ER, PgR and Ki67 labeling index data"
    start: int  # the cell's value
    end: int
    row_start: int  # the row's label
    row_end: int
    column: str | None  # the column's innermost header ("Fulvestrant 500 mg"), None when it has none
    group_start: int | None = None  # a label-only row above ("Age, years" over "Mean", "SD")
    group_end: int | None = None
    column_outer: str | None = None  # the headers above it, outer first ("Patients experiencing an AE, n (%)")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    given_name: str | None
    family_name: str | None
    affiliations: tuple[str, ...] = ()
    orcid: str | None = None  # "0000-0002-1825-0097"
    organization: bool = False  # an author that is a group or body ("IMPACT Trialists' Group", "Reuters")


@dataclass(frozen=True, slots=True)
class Journal:
    name: str | None  # full title, e.g. "New England Journal of Medicine"
    abbreviation: str | None  # NLM abbreviation, e.g. "N Engl J Med"
    issn: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    volume: str | None
    issue: str | None
    first_page: str | None
    last_page: str | None


@dataclass(frozen=True, slots=True)
class Identifiers:
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation in a news story and who said it, if stated."""

    text: str
    speaker: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class IndexTerm:
    """A controlled-vocabulary term an indexer attached to a record (MeSH heading, substance,
    publication type); metadata about the document, never a mention in its text."""

    name: str
    code: str | None  # MeSH unique ID, e.g. "D001249"
    major: bool = False


@dataclass(frozen=True, slots=True)
class DataBankEntry:
    """An accession number the record lists in its DataBankList (e.g. ClinicalTrials.gov NCT...)."""

    bank: str
    accession: str
    source_field: str | None = None  # where the record holds it, e.g. "MedlineCitation/Article/DataBankList"


@dataclass(frozen=True, slots=True)
class Grant:
    identifier: str | None
    agency: str | None
    country: str | None = None
    source_field: str | None = None  # where the record holds it, e.g. "MedlineCitation/Article/GrantList"
