"""Study designs (contract v2 ``litkg:studyDesign``) and what a document says of its study's design."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Design(StrEnum):
    """A study's design: its ``litkg:studyDesign`` (the value is the term's local name)."""

    RANDOMIZED_TRIAL = "RandomizedControlledTrial"
    NON_RANDOMIZED_TRIAL = "NonRandomizedTrial"
    COHORT = "CohortStudy"
    CASE_CONTROL = "CaseControlStudy"
    CROSS_SECTIONAL = "CrossSectionalStudy"
    CASE_SERIES = "CaseSeries"
    CASE_REPORT = "CaseReport"
    SYSTEMATIC_REVIEW = "SystematicReview"
    META_ANALYSIS = "MetaAnalysis"
    NARRATIVE_REVIEW = "NarrativeReview"
    OTHER = "OtherStudy"


TRIAL_DESIGNS = frozenset({Design.RANDOMIZED_TRIAL, Design.NON_RANDOMIZED_TRIAL})
OBSERVATIONAL_DESIGNS = frozenset({Design.COHORT, Design.CASE_CONTROL, Design.CROSS_SECTIONAL, Design.CASE_SERIES,
                                   Design.CASE_REPORT})


@dataclass(frozen=True, slots=True)
class DesignStatement:
    """What the document says of its study's design: ``design`` None means it reports no study.
    ``start``/``end`` are the words that state it, or ``field`` the record element that does."""

    design: Design | None
    rule: str
    start: int | None = None
    end: int | None = None
    field: str | None = None

    @property
    def trial(self) -> bool:
        return self.design in TRIAL_DESIGNS
