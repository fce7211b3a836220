"""Abstract section headings: recognise them (also glued to their text) and name their kind."""

from __future__ import annotations

import re

# heading as written (lower case) -> normalised section kind
HEADING_KINDS: dict[str, str] = {
    "background": "background", "introduction": "background", "context": "background",
    "rationale": "background", "importance": "background", "background and aims": "background",
    "objective": "objective", "objectives": "objective", "purpose": "objective", "aim": "objective",
    "aims": "objective", "goal": "objective", "question": "objective",
    "methods": "methods", "method": "methods", "materials and methods": "methods",
    "patients and methods": "methods", "design": "methods", "study design": "methods",
    "design, setting, and participants": "methods", "setting": "methods", "participants": "methods",
    "patients": "methods", "interventions": "methods", "intervention": "methods",
    "data sources": "methods", "study selection": "methods", "data extraction": "methods",
    "eligibility criteria": "methods", "main outcomes and measures": "methods",
    "main outcome measures": "methods", "exposures": "methods", "measurements": "methods",
    "results": "results", "findings": "results", "main results": "results",
    "conclusions": "conclusions", "conclusion": "conclusions", "interpretation": "conclusions",
    "conclusions and relevance": "conclusions", "discussion": "conclusions",
    "trial registration": "registration", "registration": "registration",
    "funding": "funding",
}
_ALTERNATION = "|".join(sorted((re.escape(h.title()).replace(r"\ ", r"\s+") for h in HEADING_KINDS), key=len, reverse=True))
_ALTERNATION = _ALTERNATION.replace("And", "[Aa]nd").replace("Of", "[Oo]f")
# A heading starts the text or follows a sentence end; it is followed by ":" or glued to a capital.
GLUED_HEADING = re.compile(rf"(?:(?<=^)|(?<=[.)\]?!\"”]))\s*(?P<h>{_ALTERNATION}|{_ALTERNATION.upper()})(?::\s*|\s*(?=[A-Z\"“]))")


def heading_kind(heading: str) -> str:
    return HEADING_KINDS.get(" ".join(heading.lower().split()).rstrip(":"), "abstract")


def split_glued_sections(paragraph: str) -> list[tuple[str | None, str]]:
    """ "BackgroundPatients ... unclear.MethodsWe tested ..." -> [("Background", "Patients ..."), ...]."""
    parts: list[tuple[str | None, str]] = []
    matches = [m for m in GLUED_HEADING.finditer(paragraph)]
    if not matches:
        return [(None, paragraph.strip())]
    if paragraph[: matches[0].start()].strip():
        parts.append((None, paragraph[: matches[0].start()].strip()))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(paragraph)
        body = paragraph[match.end():end].strip()
        if body:
            parts.append((" ".join(match.group("h").split()), body))
    return parts
