"""Abstract section headings: recognise them (also glued to their text) and name their kind."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..records import Section

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
# MEDLINE's labelled abstracts: an upper-case label and a colon, at the start, a line's start or after a sentence
# ("RESULTS : ..." with a space before the colon is how some PubMed text exports write them)
_UPPER_LABEL = re.compile(r"(?:(?<=^)|(?<=\n)|(?<=[.?!)\]]\s))(?P<h>[A-Z][A-Z0-9 ,&/()'-]{2,60}[A-Z)])\s?:\s+(?=\S)")
_ALTERNATION = "|".join(sorted((re.escape(h.title()).replace(r"\ ", r"\s+") for h in HEADING_KINDS), key=len, reverse=True))
_ALTERNATION = _ALTERNATION.replace("And", "[Aa]nd").replace("Of", "[Oo]f")
# A heading starts the text or follows a sentence end; it is followed by ":" or glued to a capital.
GLUED_HEADING = re.compile(rf"(?:(?<=^)|(?<=[.)\]?!\"”]))\s*(?P<h>{_ALTERNATION}|{_ALTERNATION.upper()})(?:\s?:\s*|\s*(?=[A-Z\"“]))")


# words that name an upper-case label's kind when the label is not a known heading
# ("MEASUREMENTS AND MAIN RESULTS", "CONCLUSION/INTERPRETATIONS"); the first kind whose word occurs wins
_LABEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("results", ("result", "finding")),
    ("conclusions", ("conclusion", "interpretation", "discussion", "implication", "significance", "limitation")),
    ("methods", ("method", "design", "setting", "participant", "patient", "intervention", "measure", "outcome")),
    ("objective", ("objective", "aim", "purpose", "goal", "hypothes")),
    ("background", ("background", "introduction", "context", "rationale")),
)
_MAX_LABEL_WORDS = 6


def heading_kind(heading: str) -> str:
    """The normalised kind of a heading: a known heading, else for an upper-case label of a few
    words the kind its words name, else "abstract"."""
    known = HEADING_KINDS.get(" ".join(heading.lower().split()).rstrip(":"))
    if known:
        return known
    if heading.isupper() and len(heading.split()) <= _MAX_LABEL_WORDS:
        lowered = heading.lower()
        for kind, words in _LABEL_WORDS:
            if any(word in lowered for word in words):
                return kind
    return "abstract"


Part = tuple["str | None", int, int]  # (heading as written or None, body start, body end)


def labelled_parts(text: str) -> list[Part]:
    """Where each labelled part's body stands in ``text``: upper-case labels ("BACKGROUND: ...
    METHODS: ..."; any such label counts, MEDLINE abstracts use hundreds), else the known headings
    of :func:`glued_parts`."""
    matches = list(_UPPER_LABEL.finditer(text))
    if not matches:
        return glued_parts(text)
    return _parts(text, matches, lambda match: match.group("h").strip())


def glued_parts(text: str) -> list[Part]:
    """Where each part's body stands under known headings, also glued to their text
    ("BackgroundPatients ... unclear.MethodsWe tested ...")."""
    matches = list(GLUED_HEADING.finditer(text))
    if not matches:
        start, end = _stripped(text, 0, len(text))
        return [(None, start, end)]
    return _parts(text, matches, lambda match: " ".join(match.group("h").split()))


def _parts(text: str, matches: list[re.Match[str]], heading_of: Callable[[re.Match[str]], str]) -> list[Part]:
    parts: list[Part] = []
    lead_start, lead_end = _stripped(text, 0, matches[0].start())
    if lead_end > lead_start:
        parts.append((None, lead_start, lead_end))
    for i, match in enumerate(matches):
        start, end = _stripped(text, match.end(), matches[i + 1].start() if i + 1 < len(matches) else len(text))
        if end > start:
            parts.append((heading_of(match), start, end))
    return parts


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    body = text[start:end]
    return start + len(body) - len(body.lstrip()), start + len(body.rstrip())


def find_sections(text: str) -> tuple[Section, ...]:
    """The labelled sections of an abstract's text, with offsets into it; none when it has no
    headings (then nothing is known about where its parts stand)."""
    parts = labelled_parts(text)
    if all(heading is None for heading, _, _ in parts):
        return ()
    return tuple(Section(heading_kind(heading) if heading else "abstract", heading, start, end)
                 for heading, start, end in parts)


def split_labelled(text: str) -> list[tuple[str | None, str]]:
    """ "BACKGROUND: ... METHODS: ..." -> [("BACKGROUND", "..."), ("METHODS", "...")] (see :func:`labelled_parts`)."""
    return [(heading, text[start:end]) for heading, start, end in labelled_parts(text)]


def display_heading(label: str | None) -> str | None:
    """ "DESIGN, SETTING, AND PARTICIPANTS" -> "Design, setting, and participants" (labels are shouted in MEDLINE)."""
    if not label or not label.isupper():
        return label
    return label[:1] + label[1:].lower()


def split_glued_sections(paragraph: str) -> list[tuple[str | None, str]]:
    """ "BackgroundPatients ... unclear.MethodsWe tested ..." -> [("Background", "Patients ..."), ...]."""
    return [(heading, paragraph[start:end]) for heading, start, end in glued_parts(paragraph)]
