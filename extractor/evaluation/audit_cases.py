"""The audit measured on constructed cases (issue: "registered vs reported"): real RCT abstracts of
EvidenceOutcomes dev that state their primary outcome, each given a registry record made from its own
words (the primary outcome an expert marked in the "primary outcome was ..." sentence, another marked
outcome as secondary, the enrolment it states) and a registration line; then copies edited to switch
the primary with the secondary, add a primary, drop the primary everywhere, or change the enrolment.
Files -> ``litkg extract`` -> the audit graph -> SPARQL. Precision on the unedited pairs (every finding
there is a false alarm) and recall of each edit's discrepancy kind."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..resolve.outcome_match import content_words, same_outcome
from ..store import Store

_PRIMARY = re.compile(r"\b(?:primary|main)\s+(?:efficacy\s+)?(?:end\s*-?\s*points?|outcomes?(?:\s+measures?)?|"
                      r"outcome\s+measures?)\s*(?:was|were|included|is|are|:)", re.IGNORECASE)
_ENROLLED = re.compile(r"\b(?P<n>\d{2,5})\s+(?:[\w-]+\s+){0,3}?(?:patients|participants|subjects|women|men|children|adults|"
                       r"infants|volunteers)\s+(?:were\s+)?(?:randomi[sz]ed|enrolled|randomly\s+assigned|included)\b", re.IGNORECASE)
_REGISTRATIONS = re.compile(r"\b(?:NCT\d{8}|ISRCTN\d{8}|ACTRN\d{14}|ChiCTR[-\w]+|\d{4}-\d{6}-\d{2}|CTRI/[\d/]+|"
                            r"DRKS\d{8}|NTR\d{3,5}|UMIN\d{9}|jRCT\w+|IRCT\w+|KCT\d{7}|PACTR\d{15})\b")
EDITS = {"switched": "SecondaryOutcomePromoted", "added": "PrimaryOutcomeAdded", "dropped": "PrimaryOutcomeOmitted",
         "enrolment": "EnrollmentDiffers"}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    registration: str
    expected: str | None  # the kind the edit must produce; None for an unedited pair


@dataclass(frozen=True, slots=True)
class KindScore:
    kind: str
    cases: int
    found: int  # edited cases whose expected kind was found (recall)
    false_alarms: int  # findings of this kind on unedited pairs


def _outcomes(ann: Path) -> list[tuple[int, int, str]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].startswith("Outcome "):
            _, start, end = parts[1].split()[:3]
            if ";" not in end:
                spans.append((int(start), int(end), parts[2]))
    text = ann.with_suffix(".txt").read_text(encoding="utf-8")
    return [span for span in spans if text[span[0]:span[1]] == span[2]]  # only spans that stand where they say
    return spans


_OBJECT_END = re.compile(r"\s+(?:at|after|over|during|in\s+the|between|from\s+randomi[sz]ation|as|assessed|measured|"
                         r"defined|using|by|which|that|and\s+the|,|;|\()|[.;:,(]\s|\.?\n|\.$")


# "MAIN OUTCOME MEASURES: The primary outcome measure for the study was ...": the statement inside is read next
_ROLE_LATER = re.compile(r"(?:the\s+)?(?:primary|main)\b[^.;:]{0,60}?\b(?:was|were|is|are)\b", re.IGNORECASE)
_LIST_HEADING = re.compile(r"(?:measures?|outcomes?|end\s*-?\s*points?)\s*:\s*$", re.IGNORECASE)
_NOT_ITEM = re.compile(r"(?:defined|including|included|such|as|which|that|whereas|while|both|respectively)\b", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|;\s*|\s+and\s+|\s+or\s+)")


def _listed_with(text: str, primary: tuple[int, int, str]) -> list[str]:
    """The other outcomes a heading's list names beside the first ("MAIN OUTCOME MEASURES: A, B, and C"
    -> [B, C]), up to the sentence's end, at the top level (not inside brackets): a record made from the
    abstract's words registers each as primary, as the abstract declares them."""
    if not _LIST_HEADING.search(text, max(0, primary[0] - 40), primary[0]):
        return []  # "the primary outcome was a composite of A, B or C" is one outcome
    rest = text[primary[1]:]
    end = re.search(r"(?<!\b[A-Z])\.(?:\s|$)|\n", rest)
    rest, depth, top = rest[: end.start() if end else len(rest)], 0, []
    for char in rest:  # words inside brackets are blanked: "(growth rate, bone age)" lists no outcomes
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        top.append(char if depth <= 0 and char not in ")]" else " ")
    items = []
    for piece in _ITEM_SPLIT.split("".join(top))[1:]:
        words = _OBJECT_END.split(piece.strip(), maxsplit=1)[0].strip()
        if content_words(words) and len(words.split()) <= 8 and not _NOT_ITEM.match(words):
            items.append(re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE))
    return items if _ITEM_SPLIT.match(rest) else []


def _primary_statement(text: str) -> tuple[int, int, str] | None:
    """The primary outcome a "primary outcome was ..." sentence names, up to where the sentence or
    the outcome's words end ("... was the rate of genital HSV shedding." -> "rate of genital HSV shedding")."""
    for stated in _PRIMARY.finditer(text):
        start = stated.end()
        while start < len(text) and text[start] == " ":
            start += 1
        article = re.match(r"(?:the|a|an)\s+", text[start:], re.IGNORECASE)
        start += article.end() if article else 0
        if _PRIMARY.search(text, start, start + 40) or _ROLE_LATER.match(text, start):
            continue  # "MAIN OUTCOME MEASURES: The primary outcome was ...": the statement inside is read next
        end = _OBJECT_END.search(text, start)
        stop = end.start() if end else len(text)
        if 3 <= stop - start <= 120:
            return start, stop, text[start:stop]
    return None


def build_cases(data: Path, folder: Path, limit: int | None = None) -> list[Case]:
    """Write each case's record and paper under ``folder``; the cases made."""
    dev = data / "evidence_outcomes" / "dev"
    abstracts = sorted(dev.glob("*.txt"))
    pool = [(text.stem, o) for text in abstracts if text.with_suffix(".ann").exists() for o in _outcomes(text.with_suffix(".ann"))]
    cases: list[Case] = []
    for number, path in enumerate(abstracts):
        if limit is not None and len({c.registration for c in cases}) >= limit:
            break
        ann = path.with_suffix(".ann")
        if not ann.exists():
            continue
        text = path.read_text(encoding="utf-8")
        outcomes = _outcomes(ann)
        primary = _primary_statement(text)
        if primary is None or not content_words(primary[2]):
            continue
        listed = [primary[2], *_listed_with(text, primary)]
        secondary = next((o for o in outcomes if content_words(o[2]) and not any(content_words(o[2]) & content_words(p)
                                                                                   or same_outcome(o[2], p) for p in listed)), None)
        added = next((o[2] for stem, o in pool if stem != path.stem and content_words(o[2]) and len(o[2].split()) <= 4
                      and not any(content_words(o[2]) & content_words(x[2]) for x in outcomes)), None)
        if secondary is None or added is None:
            continue
        stated_sizes = list(_ENROLLED.finditer(text))
        enrolled = stated_sizes[0] if len({m["n"] for m in stated_sizes}) == 1 else None  # one size, said once or more
        registration = f"NCT9{number:06d}0"
        base = {"primary": listed, "secondary": secondary[2], "n": int(enrolled["n"]) if enrolled else None}
        variants = {None: text,
                    "switched": text[:primary[0]] + secondary[2] + text[primary[1]:],
                    "added": text[:primary[1]] + f" and {added}" + text[primary[1]:],
                    "dropped": _dropped(text, primary, added)}
        if enrolled:
            changed = int(enrolled["n"]) + max(10, int(enrolled["n"]) // 5)
            variants["enrolment"] = text[:enrolled.start("n")] + str(changed) + text[enrolled.end("n"):]
        for edit, body in variants.items():
            name = f"{path.stem}-{edit or 'unedited'}"
            case_id = f"{registration[:-1]}{list(variants).index(edit)}"
            _write(folder / name, case_id, base, body)
            cases.append(Case(name, case_id, EDITS.get(edit) if edit else None))
    return cases


def _dropped(text: str, primary: tuple[int, int, str], added: str) -> str:
    """The abstract with ``added`` as its primary outcome and every other sentence that names the
    registered primary (all of its content words) left out: the paper no longer reports it."""
    edited = text[:primary[0]] + added + text[primary[1]:]
    words = content_words(primary[2])
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", edited):
        if sentence and words <= content_words(sentence) and added not in sentence:
            continue
        kept.append(sentence)
    return " ".join(kept)


def _write(folder: Path, registration: str, registered: dict, paper: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    design = {"studyType": "INTERVENTIONAL", "designInfo": {"allocation": "RANDOMIZED"}}
    if registered["n"] is not None:
        design["enrollmentInfo"] = {"count": registered["n"], "type": "ACTUAL"}
    record = {"protocolSection": {
        "identificationModule": {"nctId": registration, "briefTitle": paper.split("\n", 1)[0][:200]},
        "statusModule": {"overallStatus": "COMPLETED"}, "designModule": design,
        "outcomesModule": {"primaryOutcomes": [{"measure": measure} for measure in registered["primary"]],
                           "secondaryOutcomes": [{"measure": registered["secondary"]}]}},
        "derivedSection": {"miscInfoModule": {"versionHolder": "2000-01-01"}}}
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")
    paper = _REGISTRATIONS.sub(registration, paper)  # the abstract's own registrations would join its copies' studies
    (folder / "paper.txt").write_text(f"{paper.rstrip()}\n\nTrial registration: ClinicalTrials.gov {registration}.\n",
                                      encoding="utf-8")


@dataclass(frozen=True, slots=True)
class AuditScores:
    kinds: list[KindScore]
    unedited: int  # unedited pairs
    clean: int  # unedited pairs with no finding
    alarms: int  # findings on unedited pairs


def score(data: Path, limit: int | None = None) -> AuditScores:
    """Per kind: edited cases and how many were found, false alarms on unedited pairs; and the unedited
    pairs, how many the audit found clean, and its findings on them."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, store_path = Path(tmp) / "cases", Path(tmp) / "store"
        cases = build_cases(data, folder, limit)
        done = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(store_path), "-q"],
                              capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"litkg extract failed: {done.stderr[-500:]}")
        found: dict[str, set[str]] = {}
        rows = Store(store_path, read_only=True).query(
            "SELECT ?id ?kind WHERE { ?x a litkg:Discrepancy ; litkg:study ?s ; litkg:discrepancyKind ?kind . "
            "?s litkg:auditedAgainst/litkg:registration/schema:identifier ?id }")
        for row in rows:
            found.setdefault(row["id"].value, set()).add(row["kind"].value.rsplit("#", 1)[-1])
    unedited = [c for c in cases if c.expected is None]
    alarms: dict[str, int] = {}
    for case in unedited:
        for kind in found.get(case.registration, ()):
            alarms[kind] = alarms.get(kind, 0) + 1
    scores = []
    for kind in sorted(set(EDITS.values()) | set(alarms)):
        edited = [c for c in cases if c.expected == kind]
        scores.append(KindScore(kind, len(edited), sum(1 for c in edited if kind in found.get(c.registration, ())),
                                alarms.get(kind, 0)))
    clean = sum(1 for case in unedited if not found.get(case.registration))
    return AuditScores(scores, len(unedited), clean, sum(alarms.values()))


def markdown(audit: AuditScores) -> str:
    """The section of docs/ACCURACY.md."""
    lines = ["## Registered vs reported (the audit, constructed cases, user's path)", "",
             (f"{audit.unedited} EvidenceOutcomes dev abstracts that state their primary outcome, each with a registry record "
              "made from its own words and copies edited to switch, add or drop the primary outcome or change the enrolment "
              "(`extractor/evaluation/audit_cases.py`); files -> `litkg extract` -> audit graph -> SPARQL. Recall: edited cases "
              "whose kind was found (target 1.00 on switches); precision: found / (found + the same kind on unedited pairs). "
              "A record registers as primary every outcome the abstract's primary statement names (each item a \"MAIN OUTCOME "
              "MEASURES:\" list holds), so the copy that switches the first one still declares the others as the record does."), "",
             "| kind | edited cases | found | recall | false alarms on unedited pairs | precision |", "|---|---:|---:|---:|---:|---:|"]
    for k in audit.kinds:
        recall = f"{k.found / k.cases:.2f}" if k.cases else ""
        precision = f"{k.found / (k.found + k.false_alarms):.2f}" if k.found + k.false_alarms else ""
        lines.append(f"| {k.kind} | {k.cases} | {k.found} | {recall} | {k.false_alarms} | {precision} |")
    share = audit.clean / audit.unedited if audit.unedited else 0.0
    lines += ["", (f"Unedited pairs audited clean: {audit.clean} of {audit.unedited} ({share:.2f}; target precision ≥ 0.90); "
                   f"findings on them: {audit.alarms}.")]
    return "\n".join(lines)
