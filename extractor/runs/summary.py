"""What a run reports: counts, failures, notes, warnings, seconds per stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FileFailure:
    path: str
    reason: str


@dataclass(slots=True)
class RunSummary:
    files: int = 0
    documents: int = 0
    unchanged: int = 0
    ignored: int = 0
    failures: list[FileFailure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[FileFailure] = field(default_factory=list)  # documents stored with much less text than their file
    links: int = 0
    audited: int = 0  # studies audited against their registry records at the end of the run
    discrepancies: int = 0
    triples: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage (read, nlp, graph, write, link)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict:
        return {"files": self.files, "documents": self.documents, "unchanged": self.unchanged, "failed": self.failed,
                "failures": [{"path": f.path, "reason": f.reason} for f in self.failures], "notes": self.notes,
                "warnings": [{"path": w.path, "reason": w.reason} for w in self.warnings],
                "links": self.links, "audited": self.audited, "discrepancies": self.discrepancies, "triples": self.triples, "seconds": round(self.seconds, 3),
                "stages": {stage: round(seconds, 3) for stage, seconds in self.stages.items()}}
