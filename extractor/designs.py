"""Study designs (contract v2 ``litkg:studyDesign``), what a document says of its study's design, and
the arms it compared (``litkg:Arm``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import Mention


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


class ArmRole(StrEnum):
    """An arm's part in the comparison: ``litkg:armRole`` is ``litkg:ControlArm`` for a control."""

    ACTIVE = "ActiveArm"
    CONTROL = "ControlArm"


@dataclass(frozen=True, slots=True)
class Arm:
    """One arm of the study as the text names it: what it gave, how many, its role."""

    name: str
    start: int
    end: int
    role: ArmRole
    size: int | None
    subjects: tuple[Mention, ...]  # the interventions named in the arm's words
    rule: str
