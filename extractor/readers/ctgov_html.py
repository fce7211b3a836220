"""ClinicalTrials.gov study pages saved as HTML (classic ``/ct2/show/NCT…``, its results tab
``/ct2/show/results/NCT…``, and ``/study/NCT…``): the record page of a registration, never a news story.
From the page: the NCT number, title, status (and why it stopped), sponsor, first posted and last update dates,
and what the results tab says of results (posted, submitted but not posted, none). The results tab
carries no outcome list: the record says so in a note, and the audit has no outcomes from it."""

from __future__ import annotations

import re

from ..records import DataBankEntry, Document, DocumentKind
from ..registry_records import RegistryEntry
from .base import TextBuilder
from .html_page import Page, text_of
from .html_tree import find, joined_text
from .registry_values import date, status

_NCT = re.compile(r"\bNCT\d{8}\b")
_PAGE = re.compile(r"clinicaltrials\.gov/(?:ct2/show(?:/results|/record)?|study)/(?P<id>NCT\d{8})", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s+-\s+(?:No Study Results Posted|Study Results|Full Text View|Tabular View|Record History)"
                         r"(?:\s+-\s+ClinicalTrials\.gov)?$|\s+-\s+ClinicalTrials\.gov$", re.IGNORECASE)
_FIELD = {name: re.compile(rf"{label}\s*:\s*(?P<v>.+?)(?=\s+(?:First Posted|Last Update Posted|Sponsor|Collaborators?|"
                           rf"Information provided by|Recruitment Status|Estimated|Actual|Study Completion|Results First)\b|$)")
          for name, label in (("status", r"Recruitment Status"), ("first", r"First Posted"), ("last", r"Last Update Posted"),
                              ("sponsor", r"Sponsor"))}
# "Terminated (low accrual)", "Unknown Verified December 2013 by ... Recruitment status was: Active, not recruiting"
_STATUS = re.compile(r"^(?P<status>[A-Za-z ,-]+?)\s*(?:\((?P<why>[^)]*)\)|\s+Verified\b.*)?$")
_RESULTS = ((re.compile(r"Results Submitted - Not Posted", re.IGNORECASE), "results submitted, not posted"),
            (re.compile(r"No Study Results Posted", re.IGNORECASE), "no study results posted"),
            (re.compile(r"Results First Posted\s*:", re.IGNORECASE), "results posted"))


def is_ctgov_page(page: Page) -> bool:
    metadata = page.metadata
    where = " ".join(filter(None, (metadata.canonical, metadata.first("og:url"))))
    return (metadata.first("ncbi_app") or "").lower() == "ctgov" or bool(_PAGE.search(where))


def read_ctgov_page(page: Page) -> Document:
    metadata = page.metadata
    where = " ".join(filter(None, (metadata.canonical, metadata.first("og:url"))))
    found = _PAGE.search(where)
    identifier = found.group("id") if found else (metadata.first("ncbi_pcid") or "")
    if not _NCT.fullmatch(identifier):
        identifier = next(iter(_NCT.findall(text_of(find(page.root, "title")))), identifier)
    raw_title = metadata.first("og:title") or text_of(find(page.root, "title")) or identifier
    title = _TITLE_TAIL.sub("", raw_title).strip() or identifier
    shown = " ".join(joined_text(page.root, " ").split())
    fields = {name: (m.group("v").strip() if (m := pattern.search(shown)) else None) for name, pattern in _FIELD.items()}
    results = next((said for pattern, said in _RESULTS if pattern.search(shown)), None)
    stated = _STATUS.match(fields["status"] or "")
    entry = RegistryEntry(
        registry="ClinicalTrials.gov", identifier=identifier, source_format="ClinicalTrials.gov study page (HTML)",
        version=date(fields["last"]), status=status(stated.group("status") if stated else fields["status"]),
        why_stopped=stated.group("why") if stated else None, first_posted=date(fields["first"]), last_updated=date(fields["last"]),
        fields=(("identifier", "page: ClinicalTrials.gov Identifier"), ("status", "page: Recruitment Status"),
                ("dates", "page: First Posted / Last Update Posted"), ("version", "page: Last Update Posted")))
    builder = TextBuilder()
    builder.add("title", title)
    builder.add("registration", "; ".join(f"{label}: {value}" for label, value in (
        ("ClinicalTrials.gov Identifier", identifier), ("Recruitment Status", fields["status"]), ("Sponsor", fields["sponsor"]),
        ("Results", results)) if value))
    text, sections = builder.build()
    note = ("a ClinicalTrials.gov page that lists no registered outcomes (a results tab): read as the record's "
            "identifier, status and dates; its outcomes cannot be audited from it") if not entry.outcomes else None
    return page.source.document(
        "ctgov-html", DocumentKind.REGISTRY, text, sections=sections, title=title,
        date=entry.first_posted, date_modified=entry.version,
        databanks=(DataBankEntry("ClinicalTrials.gov", identifier, "page: ClinicalTrials.gov Identifier"),),
        registry=entry, kind_note=note, words_in_source=len(text.split()),
    )
