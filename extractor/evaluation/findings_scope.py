"""The part of an abstract that reports findings: what EvidenceOutcomes' annotators annotated.

EvidenceOutcomes' annotators marked outcomes in the Results and Conclusions of each abstract only
(Zhou et al., Stud Health Technol Inform 2025;329:723-7, doi:10.3233/SHTI250935), so a phrase
litkg finds in the Background or Methods can be neither right nor wrong there. The scope is
found by litkg itself, never from the gold: the sections under results or conclusions headings;
in an abstract without such headings, everything from the first sentence that reports a result.
"""

from __future__ import annotations

from ..nlp.allocation import ALLOCATED
from ..nlp.analysis import FINDINGS_SECTIONS, analyse, text_document
from ..nlp.clauses import sentences
from ..readers.sections import find_sections
from ..records import Extraction, Section

Span = tuple[int, int]


def findings_scope(text: str, sections: tuple[Section, ...], extraction: Extraction) -> list[Span]:
    """Where the findings stand in ``text``: the results and conclusions sections, else from the
    first sentence with a result (an allocation count is design, not a finding) to the end."""
    first = min((r.start for r in extraction.results if r.endpoint != ALLOCATED), default=None)
    return scope_from(text, sections, first)


def scope_from(text: str, sections: tuple[Section, ...], first_result: int | None) -> list[Span]:
    """:func:`findings_scope` given where the first finding starts (from any route)."""
    headed = [(s.start, s.end) for s in sections if s.kind in FINDINGS_SECTIONS]
    if headed:
        return headed
    if first_result is None:
        return []
    start = next((s for s, e in sentences(text, 0, len(text)) if s <= first_result < e), first_result)
    return [(start, len(text))]


def analysed_with_findings(text: str) -> tuple[tuple[Section, ...], Extraction, list[Span]]:
    """An abstract's sections (found in its text as litkg's readers find them), its extraction, and
    where its findings stand."""
    sections = find_sections(text)
    extraction = analyse(text_document(text, sections))
    return sections, extraction, findings_scope(text, sections, extraction)


def within(spans: list[Span], scope: list[Span]) -> list[Span]:
    """The spans that begin inside the scope."""
    return [span for span in spans if any(s <= span[0] < e for s, e in scope)]
