"""What a trial registry record says, whatever its format (ClinicalTrials.gov API v2 JSON, classic API
JSON, legacy XML): typed records that readers fill and the graph writes as a ``litkg:RegistryRecord``.
Every value names the field it was read from (``source_field``, e.g.
"protocolSection/outcomesModule/primaryOutcomes/0/measure") for ``litkg:sourceField``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .records import PartialDate


class OutcomeRole(StrEnum):
    """How the record registers an outcome: the term's local name in the contract."""

    PRIMARY = "PrimaryOutcome"
    SECONDARY = "SecondaryOutcome"
    OTHER = "OtherOutcome"


@dataclass(frozen=True, slots=True)
class RegisteredOutcome:
    role: OutcomeRole
    measure: str  # "Incidence of Hearing Loss"
    time_frame: str | None  # "4 weeks after last dose of cisplatin"
    description: str | None
    source_field: str


@dataclass(frozen=True, slots=True)
class RegistryArm:
    label: str  # "STS Arm (sodium thiosulfate treatment)"
    kind: str | None  # EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO_COMPARATOR, SHAM_COMPARATOR, NO_INTERVENTION, OTHER
    description: str | None
    interventions: tuple[str, ...]  # the names of the interventions the arm gives ("sodium thiosulfate")
    source_field: str


@dataclass(frozen=True, slots=True)
class RegistryIntervention:
    name: str
    kind: str | None  # DRUG, DEVICE, BEHAVIORAL, PROCEDURE, ...
    source_field: str


@dataclass(frozen=True, slots=True)
class PostedResult:
    """One posted value: an outcome measure's value for one group (arm), as the registry gives it."""

    outcome: str  # the outcome measure's title
    role: OutcomeRole | None
    time_frame: str | None
    group: str  # the group's title ("STS Arm (Sodium Thiosulfate Treatment)")
    param: str | None  # MEAN, MEDIAN, NUMBER, COUNT_OF_PARTICIPANTS, LEAST_SQUARES_MEAN, ... (upper case)
    unit: str | None  # "Patients", "dB"
    value: Decimal | None
    value_text: str  # as posted ("14", "NA")
    dispersion: str | None  # STANDARD_DEVIATION, CONFIDENCE_INTERVAL_95, INTER_QUARTILE_RANGE, ...
    spread: Decimal | None
    lower: Decimal | None
    upper: Decimal | None
    denominator: int | None  # participants analysed in the group
    category: str | None  # a category or class title ("Male", "Grade 3")
    source_field: str


@dataclass(frozen=True, slots=True)
class RegistryReference:
    pmid: str | None
    kind: str | None  # RESULT, BACKGROUND, DERIVED
    citation: str | None


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    """A registry record: the registration it is, the study it registers, and its version."""

    registry: str  # "ClinicalTrials.gov"
    identifier: str  # "NCT00716976"
    source_format: str  # "ClinicalTrials.gov API v2 JSON"
    version: PartialDate | None  # the data version (schema:dateModified): versionHolder, download date
    secondary_ids: tuple[tuple[str, str | None], ...] = ()  # (ID, type or domain): EudraCT numbers, sponsor codes
    status: str | None = None  # COMPLETED, RECRUITING, TERMINATED, WITHDRAWN, UNKNOWN, ... (API v2 spelling)
    why_stopped: str | None = None
    study_type: str | None = None  # INTERVENTIONAL, OBSERVATIONAL, EXPANDED_ACCESS
    phases: tuple[str, ...] = ()  # PHASE1, PHASE2, PHASE3, PHASE4, EARLY_PHASE1, NA
    allocation: str | None = None  # RANDOMIZED, NON_RANDOMIZED, NA
    observational_model: str | None = None  # COHORT, CASE_CONTROL, CASE_ONLY, ...
    time_perspective: str | None = None  # PROSPECTIVE, RETROSPECTIVE, CROSS_SECTIONAL
    enrollment: int | None = None
    enrollment_type: str | None = None  # ACTUAL or ANTICIPATED
    start_date: PartialDate | None = None
    primary_completion_date: PartialDate | None = None
    completion_date: PartialDate | None = None
    first_posted: PartialDate | None = None
    last_updated: PartialDate | None = None
    conditions: tuple[str, ...] = ()
    arms: tuple[RegistryArm, ...] = ()
    interventions: tuple[RegistryIntervention, ...] = ()
    outcomes: tuple[RegisteredOutcome, ...] = ()
    results: tuple[PostedResult, ...] = ()
    references: tuple[RegistryReference, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()  # (what, source field) of the record-level values, for provenance

    def field_of(self, what: str) -> str | None:
        return next((path for name, path in self.fields if name == what), None)
