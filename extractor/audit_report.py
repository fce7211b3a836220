"""The audit as a reviewer reads it: per study, the registration and record version used, the
registered outcomes, what each paper and story reports, and each departure quoted from both sides;
as Markdown, CSV (one row per finding, one per study without any), JSON or HTML."""

from __future__ import annotations

import csv
import html
import io
import json

from .resolve.audit import StudyAudit
from .store import Store

FORMATS = ("md", "csv", "json", "html")
_KIND_WORDS = {
    "PrimaryOutcomeOmitted": "primary outcome omitted", "PrimaryOutcomeAdded": "primary outcome added",
    "PrimaryOutcomeDemoted": "primary outcome demoted", "SecondaryOutcomePromoted": "secondary outcome promoted",
    "TimeFrameChanged": "time frame changed", "EnrollmentDiffers": "enrolment differs",
    "ValueDiffers": "value differs", "ValueMisreported": "value misreported",
}


def source_files(store: Store, audits: list[StudyAudit]) -> dict[str, str]:
    """Document IRI -> the file it was read from, for the documents the audits name."""
    iris = sorted({d for a in audits for d in (a.record, *a.documents)})
    names: dict[str, str] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + 500])
        for row in store.query("SELECT ?d ?f WHERE { VALUES ?d { " + values + " } GRAPH ?d { ?d litkg:sourceFile ?f } }"):
            names[row["d"].value] = row["f"].value
    return names


def as_data(audits: list[StudyAudit], names: dict[str, str]) -> list[dict]:
    return [{
        "study": a.study, "registration": a.identifier, "record": names.get(a.record, a.record), "record_version": a.version,
        "note": a.note, "documents": [names.get(d, d) for d in a.documents],
        "registered_outcomes": [{"role": o["role"], "measure": o["name"], "time_frame": o["frame"]} for o in a.registered],
        "matched": [{"document": names.get(d, d), "registered": r, "reported": w} for d, r, w in a.matched],
        "discrepancies": [{"kind": f.kind, "document": names.get(f.document, f.document), "comment": f.comment,
                           "registered_side": f.registered, "reported_side": f.reported} for f in a.findings],
    } for a in audits]


def render(audits: list[StudyAudit], names: dict[str, str], form: str) -> str:
    data = as_data(audits, names)
    if form == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if form == "csv":
        return _csv(data)
    if form == "html":
        return _html(data)
    return _markdown(data)


def _csv(data: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["registration", "record", "record_version", "document", "kind", "comment"])
    for study in data:
        for finding in study["discrepancies"]:
            writer.writerow([study["registration"], study["record"], study["record_version"], finding["document"],
                             finding["kind"], finding["comment"]])
        if not study["discrepancies"]:
            writer.writerow([study["registration"], study["record"], study["record_version"], "; ".join(study["documents"]),
                             "none", study["note"] or "audited: no discrepancy found"])
    return out.getvalue()


def _markdown(data: list[dict]) -> str:
    lines = ["# Registered vs reported", ""]
    if not data:
        lines.append("No study has both a registry record and a paper or news story in the store.")
    for study in data:
        lines += [f"## {study['registration']}", "",
                  (f"Record `{study['record']}`, version {study['record_version'] or 'undated'}; "
                   f"compared with {', '.join(f'`{d}`' for d in study['documents'])}."), ""]
        if study["note"]:
            lines += [f"Note: {study['note']}.", ""]
        if study["registered_outcomes"]:
            lines += ["| registered | outcome | time frame |", "|---|---|---|"]
            lines += [f"| {o['role'].replace('Outcome', '').lower()} | {_cell(o['measure'])} | {_cell(o['time_frame'] or '')} |"
                      for o in study["registered_outcomes"]]
            lines.append("")
        for match in study["matched"]:
            lines.append(f"- reported as registered: '{match['registered']}' (`{match['document']}`: \"{match['reported']}\")")
        for finding in study["discrepancies"]:
            lines.append(f"- **{_KIND_WORDS.get(finding['kind'], finding['kind'])}** (`{finding['document']}`): {finding['comment']}")
        if not study["discrepancies"]:
            lines.append("- audited: no discrepancy found")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _html(data: list[dict]) -> str:
    e = html.escape
    parts = ["<!doctype html><meta charset='utf-8'><title>Registered vs reported</title>",
             ("<style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{border:1px solid #ccc;padding:.2em .5em}"
              "table{border-collapse:collapse}.kind{font-weight:bold;color:#a00}</style><h1>Registered vs reported</h1>")]
    for study in data:
        parts.append(f"<h2>{e(study['registration'])}</h2><p>Record <code>{e(study['record'])}</code>, version "
                     f"{e(study['record_version'] or 'undated')}; compared with "
                     f"{', '.join(f'<code>{e(d)}</code>' for d in study['documents'])}.</p>")
        if study["note"]:
            parts.append(f"<p>Note: {e(study['note'])}.</p>")
        if study["registered_outcomes"]:
            parts.append("<table><tr><th>registered</th><th>outcome</th><th>time frame</th></tr>" + "".join(
                f"<tr><td>{e(o['role'])}</td><td>{e(o['measure'])}</td><td>{e(o['time_frame'] or '')}</td></tr>"
                for o in study["registered_outcomes"]) + "</table>")
        items = [f"<li><span class='kind'>{e(_KIND_WORDS.get(f['kind'], f['kind']))}</span> (<code>{e(f['document'])}</code>): "
                 f"{e(f['comment'])}</li>" for f in study["discrepancies"]] or ["<li>audited: no discrepancy found</li>"]
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(parts) + "\n"
