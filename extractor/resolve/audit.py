"""Registered vs reported: each study whose registry record and papers (or news stories) are in the
store is audited against the record's version in force before the paper's date (else the earliest
version, which the audit says): registered primary outcomes against the primary and other outcomes
each paper states (omitted, added, demoted, secondary promoted, time frame changed) and the registered
enrolment against the enrolment each paper and story reports, and each value the record posts against
the paper's value for the same endpoint, arm, statistic and time frame. Each finding is a ``litkg:Discrepancy``
with both sides as nodes that have their own provenance; an audited study says so
(``litkg:auditedAgainst``), so "audited, nothing found" differs from "not audited". The audit of a
study is one named graph, rewritten whole each time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from ..graph.iris import Minter, digest
from ..graph.vocab import LITKG, PROV, RDF, RDFS, SCHEMA
from ..nlp.endpoints import vocabulary_concept
from ..store import Store
from .audit_queries import (
    document_text,
    documents_of,
    enrolment_of,
    measured_by_papers,
    outcomes_of,
    paper_results,
    posted_results,
    records_of,
    reported_outcomes,
    story_results,
    studies_to_audit,
)
from .evidence import rounds_to
from .outcome_match import content_words, same_outcome, same_time_frame
from .value_match import comparable, same_value

_ENROLMENT_TOLERANCE = 0.1  # an anticipated enrolment the paper misses by more than this share is reported


@dataclass(slots=True)
class Finding:
    kind: str  # the local name of a litkg:DiscrepancyKind
    document: str
    registered: str  # node IRI: a registered outcome, or the record (its enrolment)
    reported: str  # node IRI: the words of the paper's outcome or enrolment, or the paper itself
    comment: str


@dataclass(slots=True)
class StudyAudit:
    study: str
    record: str  # the record version used
    identifier: str
    version: str | None
    note: str | None = None
    documents: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    matched: list[tuple[str, str, str]] = field(default_factory=list)  # (document, registered outcome, paper's words)
    registered: list[dict] = field(default_factory=list)  # the registered outcomes, for the report


def audit_graph(mint: Minter, study: str) -> str:
    return f"{mint.base}audit/{digest(study)}"


def run_audit(store: Store, mint: Minter) -> list[StudyAudit]:
    """Audit every study that has both a registry record and a paper or story; write each audit graph
    and drop the graphs of studies no longer auditable."""
    audits = [audit_study(store, study) for study in studies_to_audit(store)]
    audits = [audit for audit in audits if audit is not None]
    kept = {audit_graph(mint, audit.study) for audit in audits}
    stale = [g for g in store.named_graphs() if g.startswith(f"{mint.base}audit/") and g not in kept]
    if stale:
        store.drop_graphs(stale)
    for audit in audits:
        store.replace_graphs([], audit_graph(mint, audit.study), _quads(mint, audit))
    return audits


def audit_study(store: Store, study: str) -> StudyAudit | None:
    records = records_of(store, study)
    documents = documents_of(store, study)
    if not records or not documents:
        return None
    audit: StudyAudit | None = None
    for document in documents:
        record, note = _version_for(records, document["date"])
        if audit is None:
            audit = StudyAudit(study, record["rec"], record["id"], record["version"], note)
            audit.registered = outcomes_of(store, record["rec"])
        elif note and note not in (audit.note or ""):
            audit.note = f"{audit.note}; {note}" if audit.note else note
        audit.documents.append(document["doc"])
        registered = audit.registered if record["rec"] == audit.record else outcomes_of(store, record["rec"])
        if document["paper"]:
            _outcomes(audit, document["doc"], registered, reported_outcomes(store, document["doc"], study),
                      document_text(store, document["doc"]))
            _values(audit, document["doc"], posted_results(store, record["rec"], study),
                    paper_results(store, document["doc"], study))
        _enrolment(audit, document, record, enrolment_of(store, document["doc"], study))
    if audit is not None:
        papers = [d["doc"] for d in documents if d["paper"]]
        measured = measured_by_papers(store, study, papers) if papers else set()
        posted = [v["value"] for r in records for v in posted_results(store, r["rec"], study)]
        for document in documents:
            if not document["paper"] and papers:
                _story_values(audit, document["doc"], story_results(store, document["doc"], study), measured, posted, papers[0])
    if audit is not None and not audit.registered:
        audit.note = "; ".join(n for n in (audit.note, "the record registers no outcomes: outcomes not audited") if n)
    return audit


def _version_for(records: list[dict], date: str | None) -> tuple[dict, str | None]:
    """The latest version dated before the paper; else the earliest, said in a note."""
    dated = sorted((r for r in records if r["version"]), key=lambda r: r["version"])
    if date and dated:
        before = [r for r in dated if r["version"] <= date]
        if before:
            return before[-1], None
        return dated[0], f"no version of {dated[0]['id']} before the paper's date {date}: used the earliest, {dated[0]['version']}"
    chosen = dated[-1] if dated else records[0]
    return chosen, None if date else f"the paper has no date: used version {chosen['version'] or 'undated'} of {chosen['id']}"


def _declaring_clauses(text: str, reported: dict) -> list[str]:
    """The words a paper declares a primary outcome with, from where the outcome's phrase starts to the
    clause's end ("The primary end point was [Grade 3-4 adverse events assessed by central review];"),
    for the phrases that stand in a sentence saying "primary" before them: an outcome phrase read short
    ("Grade") still declares what its clause names."""
    clauses = []
    for start in reported.get("starts", ()):
        before = text[max(0, start - 80):start]
        sentence = re.split(r"[.;!?]\s", before)[-1]
        if not _SAYS_PRIMARY.search(sentence):
            continue
        end = _CLAUSE_END.search(text, start, start + 200)
        clauses.append(text[start:end.start() if end else min(len(text), start + 200)])
    return clauses


def _in_clause(name: str, clauses: list[str]) -> bool:
    words = content_words(name)
    return bool(words) and any(words <= content_words(clause) for clause in clauses)


def _part_of(stated: dict, name: str) -> bool:
    words = content_words(stated["words"])
    return bool(words) and words <= content_words(name)


def _outcomes(audit: StudyAudit, document: str, registered: list[dict], reported: list[dict], text: str = "") -> None:
    primaries = [o for o in registered if o["role"] == "PrimaryOutcome"]
    secondaries = [o for o in registered if o["role"] != "PrimaryOutcome"]
    # an outcome whose words say nothing of what is measured ("assessed") is no outcome to compare
    reported = [r for r in reported if any(content_words(w) for w in (*r["wordings"], r["name"]))]
    paper_primary = [part for r in reported if r["primary"] for part in _coordinated(r)]
    clauses = {id(part): _declaring_clauses(text, part) for part in paper_primary}
    for outcome in primaries:
        found = [r for r in reported if _names(outcome["name"], r)]
        as_primary = [r for r in found if r["primary"]] or [p for p in paper_primary if _in_clause(outcome["name"], clauses[id(p)])]
        if as_primary:
            audit.matched.append((document, outcome["name"], as_primary[0]["words"]))
            frames = [r["frame"] for r in found if r.get("frame")]
            if frames and outcome.get("frame") and all(same_time_frame(outcome["frame"], f) is False for f in frames):
                audit.findings.append(Finding("TimeFrameChanged", document, outcome["node"], as_primary[0]["mention"],
                                              f"registered primary outcome '{outcome['name']}' at '{outcome['frame']}' "
                                              f"is reported at '{frames[0]}'"))
        elif found and paper_primary:
            audit.findings.append(Finding("PrimaryOutcomeDemoted", document, outcome["node"], found[0]["mention"],
                                          f"registered primary outcome '{outcome['name']}' is reported, but not as primary: "
                                          f"'{found[0]['words']}'"))
        elif found:
            audit.matched.append((document, outcome["name"], found[0]["words"]))  # the paper names no primary at all
        else:
            audit.findings.append(Finding("PrimaryOutcomeOmitted", document, outcome["node"], document,
                                          f"registered primary outcome '{outcome['name']}' is not reported"))
    if not registered:
        return
    promoted: dict[str, tuple[dict, dict]] = {}  # registered secondary -> (it, the paper primary naming it)
    for stated in paper_primary:
        if any(_names(o["name"], stated) or _in_clause(o["name"], clauses[id(stated)]) and _part_of(stated, o["name"])
               for o in primaries):
            continue  # a registered primary, or a piece of one read short ("Grade" of "Grade 3-4 adverse events")
        named = [o for o in secondaries if _names(o["name"], stated)]
        in_clause = [o for o in secondaries if _in_clause(o["name"], clauses[id(stated)])]
        for o in named + in_clause:
            promoted.setdefault(o["node"], (o, stated))
        if not named and not any(_part_of(stated, o["name"]) for o in in_clause):
            audit.findings.append(Finding("PrimaryOutcomeAdded", document, audit.record, stated["mention"],
                                          f"primary outcome '{stated['words']}' is not registered as primary"))
    for outcome, stated in promoted.values():
        audit.findings.append(Finding("SecondaryOutcomePromoted", document, outcome["node"], stated["mention"],
                                      f"registered secondary outcome '{outcome['name']}' is reported as primary: "
                                      f"'{stated['words']}'"))


_SAYS_PRIMARY = re.compile(r"\b(?:primary|main|principal|co-?primary)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;](?=\s|$)|\n|\b(?:secondary|whereas|while|which|compared)\b", re.IGNORECASE)
_AND = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s*/\s*")


def _coordinated(reported: dict) -> list[dict]:
    """A primary outcome stated as "X and Y" is two: each part of two or more words (or one the endpoint
    vocabulary knows) stands alone; "fatal and non-fatal stroke" stays one."""
    words = reported["wordings"][0] if reported["wordings"] else reported["words"]
    parts = [p.strip() for p in _AND.split(words) if p.strip()]
    if len(parts) < 2 or not all(len(p.split()) >= 2 or vocabulary_concept(p) for p in parts):
        return [reported]
    return [{**reported, "words": p, "wordings": [p], "name": p} for p in parts]


def _names(registered: str, reported: dict) -> bool:
    """The paper's outcome is the registered one under any of its wordings or its concept's name."""
    return any(same_outcome(registered, words) for words in (reported["name"], *reported["wordings"]))


def _values(audit: StudyAudit, document: str, posted: list[dict], stated: list[dict]) -> None:
    """Each value the record posts against the paper's values for the same endpoint, arm, statistic and
    time frame: agreement when one of them is the posted value as the paper rounds it, else ValueDiffers."""
    for value in posted:
        candidates = [s for s in stated if comparable(value, s)]
        if not candidates:
            continue
        if any(same_value(value["value"], s["value"]) for s in candidates):
            audit.matched.append((document, f"posted {value['value']} for {value['group']}", value["value"]))
            continue
        said = candidates[0]
        audit.findings.append(Finding(
            "ValueDiffers", document, value["node"], said["mention"],
            f"the record posts {value['value']}{' ' + value['unit'] if value['unit'] else ''} for '{value['group']}'"
            f"{' at ' + value['frame'] if value['frame'] else ''}; the paper states {said['value']}"))


def _story_values(audit: StudyAudit, document: str, values: list[dict], measured: set[str], posted: list[str],
                  paper: str) -> None:
    """A story's value for an endpoint the paper measures that restates none of the paper's values
    (linking's litkg:correspondsTo, rounding allowed) nor any value the record posts: ValueMisreported.
    Small whole numbers (under 10) are too common to judge on their own."""
    for value in values:
        number = Decimal(value["value"])
        if value["restates"] or value["endpoint"] not in measured or (number == number.to_integral_value() and abs(number) < 10):
            continue
        if any(rounds_to(Decimal(p), number) for p in posted):
            continue
        audit.findings.append(Finding(
            "ValueMisreported", document, paper, value["mention"],
            f"the story states {value['value']}{' ' + value['unit'] if value['unit'] else ''}, which neither the paper "
            "nor the record states for that outcome"))


def _enrolment(audit: StudyAudit, document: dict, record: dict, reported: dict | None) -> None:
    registered, kind = record["enrollment"], record["enrollment_type"]
    if registered is None or reported is None or registered == reported["n"]:
        return
    if kind == "ANTICIPATED" and abs(reported["n"] - registered) <= _ENROLMENT_TOLERANCE * registered:
        return
    which = "actual" if kind == "ACTUAL" else "anticipated"
    audit.findings.append(Finding("EnrollmentDiffers", document["doc"], record["rec"], reported["mention"] or document["doc"],
                                  f"the record's {which} enrolment is {registered}; the "
                                  f"{'paper' if document['paper'] else 'story'} reports {reported['n']}"
                                  + (f" ('{reported['words']}')" if reported.get("words") else "")))


def _quads(mint: Minter, audit: StudyAudit) -> list[ox.Quad]:
    graph = ox.NamedNode(audit_graph(mint, audit.study))
    study = ox.NamedNode(audit.study)
    quads = [ox.Quad(study, ox.NamedNode(str(LITKG.auditedAgainst)), ox.NamedNode(audit.record), graph)]
    quads += [ox.Quad(study, ox.NamedNode(str(LITKG.auditedDocument)), ox.NamedNode(d), graph) for d in audit.documents]
    if audit.note:
        quads.append(ox.Quad(study, ox.NamedNode(str(LITKG.auditNote)), ox.Literal(audit.note), graph))
    for finding in audit.findings:
        key = digest(audit.study, finding.kind, finding.document, finding.registered, finding.reported)
        x = ox.NamedNode(f"{mint.base}discrepancy/{key}")
        quads += [
            ox.Quad(x, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LITKG.Discrepancy)), graph),
            ox.Quad(x, ox.NamedNode(str(LITKG.study)), study, graph),
            ox.Quad(x, ox.NamedNode(str(LITKG.discrepancyKind)), ox.NamedNode(str(LITKG[finding.kind])), graph),
            ox.Quad(x, ox.NamedNode(str(LITKG.registeredSide)), ox.NamedNode(finding.registered), graph),
            ox.Quad(x, ox.NamedNode(str(LITKG.reportedSide)), ox.NamedNode(finding.reported), graph),
            ox.Quad(x, ox.NamedNode(str(RDFS.comment)), ox.Literal(finding.comment), graph),
            ox.Quad(x, ox.NamedNode(str(PROV.used)), ox.NamedNode(finding.document), graph),
            ox.Quad(x, ox.NamedNode(str(SCHEMA.isBasedOn)), ox.NamedNode(audit.record), graph),
        ]
    return list(dict.fromkeys(quads))
