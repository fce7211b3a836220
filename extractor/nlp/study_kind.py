"""Whether the study a document reports is a trial (``schema:MedicalTrial``)."""

from __future__ import annotations

from ..records import Document, Registration
from ..vocabularies import word_list

RULE = "study-kind: registration, trial publication type or trial word"


def reports_trial(document: Document, registrations: tuple[Registration, ...]) -> bool:
    """A registration, a trial publication type, or a trial word anywhere in the text ("placebo")."""
    if registrations:
        return True
    types = word_list("trial publication types")
    if any(word in t.name.lower() for t in document.publication_types for word in types):
        return True
    lowered = document.text.lower()
    return any(word in lowered for word in word_list("trial words"))
