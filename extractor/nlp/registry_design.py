"""A registry record's design, from its structured fields (study type, allocation, observational
model), never from its words: what was registered, not what a summary suggests."""

from __future__ import annotations

from ..designs import Design, DesignStatement
from ..registry_records import RegistryEntry

RULE = "design: the registry record's study type and allocation"
_OBSERVATIONAL = {"COHORT": Design.COHORT, "CASE_CONTROL": Design.CASE_CONTROL, "CASE_ONLY": Design.CASE_SERIES}


def registered_design(entry: RegistryEntry) -> DesignStatement:
    field = entry.field_of("design") or "study type"
    if entry.study_type == "INTERVENTIONAL":
        randomised = entry.allocation == "RANDOMIZED"
        return DesignStatement(Design.RANDOMIZED_TRIAL if randomised else Design.NON_RANDOMIZED_TRIAL, RULE, field=field)
    if entry.study_type == "OBSERVATIONAL":
        if entry.time_perspective == "CROSS_SECTIONAL":
            return DesignStatement(Design.CROSS_SECTIONAL, RULE, field=field)
        return DesignStatement(_OBSERVATIONAL.get(entry.observational_model or "", Design.OTHER), RULE, field=field)
    return DesignStatement(Design.OTHER, RULE, field=field)
