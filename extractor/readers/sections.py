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
    "funding": "funding", "primary funding source": "funding",
    "limitation": "conclusions", "limitations": "conclusions",
    "methods and analysis": "methods", "ethics and dissemination": "conclusions",
    "trial registration number": "registration", "clinical trial registration": "registration",
    "systematic review registration": "registration", "settings": "methods", "main outcomes": "methods",
    "outcomes": "methods", "study selection and data extraction": "methods",
}
# MEDLINE's labelled abstracts: an upper-case label and a colon, at the start or after a sentence
_UPPER_LABEL = re.compile(r"(?:(?<=^)|(?<=[.?!)\]]\s))(?P<h>[A-Z][A-Z0-9 ,&/()'-]{2,60}[A-Z)]):\s+(?=\S)")
_ALTERNATION = "|".join(sorted((re.escape(h.title()).replace(r"\ ", r"\s+") for h in HEADING_KINDS), key=len, reverse=True))
_ALTERNATION = _ALTERNATION.replace("And", "[Aa]nd").replace("Of", "[Oo]f")
# A heading starts the text or follows a sentence end; it is followed by ":" or glued to a capital.
GLUED_HEADING = re.compile(rf"(?:(?<=^)|(?<=[.)\]?!\"”]))\s*(?P<h>{_ALTERNATION}|{_ALTERNATION.upper()})(?::\s*|\s*(?=[A-Z\"“]))")


def heading_kind(heading: str) -> str:
    return HEADING_KINDS.get(" ".join(heading.lower().split()).rstrip(":"), "abstract")


def split_labelled(text: str) -> list[tuple[str | None, str]]:
    """ "BACKGROUND: ... METHODS: ..." -> [("BACKGROUND", "..."), ("METHODS", "...")]; any upper-case
    label counts (MEDLINE abstracts use hundreds), else the known headings of :func:`split_glued_sections`."""
    matches = list(_UPPER_LABEL.finditer(text))
    if not matches:
        return split_glued_sections(text)
    parts: list[tuple[str | None, str]] = []
    if text[: matches[0].start()].strip():
        parts.append((None, text[: matches[0].start()].strip()))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end():end].strip()
        if body:
            parts.append((match.group("h").strip(), body))
    return parts


def display_heading(label: str | None) -> str | None:
    """ "DESIGN, SETTING, AND PARTICIPANTS" -> "Design, setting, and participants" (labels are shouted in MEDLINE)."""
    if not label or not label.isupper():
        return label
    return label[:1] + label[1:].lower()


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
