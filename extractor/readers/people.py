"""Author lists, personal names, and NEJM-style affiliations ("... (Y.H., M.Z.), the ... (B.L.)")."""

from __future__ import annotations

import re

from ..records import Person
from ..vocabularies import word_list

DEGREES = (r"(?:M\.?D\.?|Ph\.?D\.?|M\.?P\.?H\.?|Pharm\.?D\.?|BPharm|R\.?N\.?|D\.?O\.?|M\.?Sc?\.?|B\.?Sc?\.?|"
           r"M\.?B\.?B\.?S\.?|F\.?R\.?C\.?P\.?|Dr\.?P\.?H\.?|D\.?Phil\.?|M\.?B\.?A\.?|Jr\.?|Sr\.?|"
           r"M\.?A\.?|M\.?Phil\.?|R\.?D\.?N?|L\.?D\.?N?|N\.?P\.?|P\.?A\.?-C|D\.?D\.?S\.?|D\.?M\.?D\.?|D\.?V\.?M\.?|"
           r"M\.?S\.?[NW]\.?|B\.?S\.?N\.?|L\.?C\.?S\.?W\.?|Ed\.?D\.?|Psy\.?D\.?|Sc\.?D\.?|M\.?R\.?C\.?P\.?|F\.?R\.?C\.?S\.?|"
           r"F\.?A\.?C\.?[CPS]\.?|F\.?A\.?A\.?P\.?|C\.?D\.?C?E\.?S?)")  # after a name
_DEGREES = re.compile(rf",?\s*\b{DEGREES}(?=[\s,.;]|$)")
_PARTICLES = frozenset(word_list("name particles"))


def split_author_list(line: str) -> tuple[str, ...]:
    """ "A B, C D, and E F." -> ("A B", "C D", "E F")."""
    line = line.strip().rstrip(".").strip()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+|;\s*", line)
    return tuple(part.strip() for part in parts if part.strip())


def looks_like_author_list(line: str) -> bool:
    names = split_author_list(line)
    if len(names) < 2:
        return False
    good = sum(1 for name in names if _looks_like_name(name))
    return good >= 0.8 * len(names)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 1 < len(words) <= 5:
        return False
    return all(word[:1].isupper() or word.lower() in _PARTICLES for word in words) and not any(
        word.lower() in {"the", "of", "university", "hospital", "department", "and"} for word in words
    )


def strip_degrees(name: str) -> str:
    return _DEGREES.sub("", name).strip(" ,")


def person(name: str, affiliations: tuple[str, ...] = ()) -> Person:
    """A person from "Given [Middle] Family" (Western order, as journals print bylines)."""
    name = " ".join(strip_degrees(name).split())
    words = name.split()
    if len(words) < 2:
        return Person(name, None, name or None, affiliations)
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    given = " ".join(words[:family_start])
    family = " ".join(words[family_start:])
    return Person(name, given, family, affiliations)


def initials(name: str) -> str:
    """ "Yongxian Hu" -> "Y.H."; "Alex H Chang" -> "A.H.C."; "Jae-Hoon Kim" -> "J.-H.K."."""
    out = []
    for word in strip_degrees(name).split():
        pieces = word.split("-")
        out.append(".-".join(piece[:1].upper() for piece in pieces if piece) + ".")
    return "".join(out)


# one author's initials ("Y.H.", "J.-H.K."): each piece is a capital, an optional small letter and a
# full stop, so a run of pieces splits one way only; a group lists initials separated by commas.
# (The old pattern let a run split into authors or pieces in 2^n ways: "(H.H.H.…/)" backtracked for minutes.)
_INITIALS = r"[A-Z][a-z]?\.(?:-?[A-Z][a-z]?\.)*"
_GROUP = re.compile(rf"\(({_INITIALS}(?:,\s*{_INITIALS})*(?:,\s*)?)\)")
_LEAD = re.compile(r"^(?:,|;|\s)*(?:and\s+)?(?:the\s+)?")
_INSTITUTION_START = re.compile(r"(?:,\s+and\s+(?:the\s+)?|,\s+the\s+|\band\s+the\s+)")
_TRAILER = re.compile(r"\s*[-–—]\s*(?:all\s+)?in\s+(?:the\s+)?[A-Z][\w .]+\.?\s*$")


def affiliations_by_initials(text: str) -> dict[str, tuple[str, ...]]:
    """Map author initials to institution names in NEJM-style affiliation prose.

    Each parenthesised group of initials closes one or more institutions; text between two
    groups that comes before the next institution (", Zhejiang University, and ...")
    qualifies the institutions named since the previous qualifier.
    """
    text = _TRAILER.sub("", re.sub(r"^\s*From\s+", "", text.strip())).rstrip(". ")
    entries: list[tuple[list[str], tuple[str, ...]]] = []  # (institution names, initials)
    open_from = 0  # entries from here on have not been qualified yet
    cursor = 0
    for group in _GROUP.finditer(text):
        carry, institution = _split_carry(text[cursor:group.start()])
        cursor = group.end()
        if carry and entries:
            open_from = _qualify(entries, open_from, carry)
        elif carry:
            institution = f"{carry}, and {institution}"
        names = [_clean(part) for part in re.split(r",\s+and\s+(?:the\s+)?|\s+and\s+the\s+", institution)]
        codes = tuple(code.strip() for code in group.group(1).split(",") if code.strip())
        entries.append(([name for name in names if name], codes))
    tail = text[cursor:].strip(" ,;")
    if tail and entries:
        _qualify(entries, open_from, tail)
    result: dict[str, list[str]] = {}
    for names, codes in entries:
        for code in codes:
            result.setdefault(code, []).extend(name for name in names if name not in result.get(code, ()))
    return {code: tuple(names) for code, names in result.items()}


def _qualify(entries: list[tuple[list[str], tuple[str, ...]]], start: int, qualifier: str) -> int:
    for names, _ in entries[start:]:
        names[:] = [name if qualifier in name else f"{name}, {qualifier}" for name in names]
    return len(entries)


def _split_carry(segment: str) -> tuple[str | None, str]:
    """Split ", Zhejiang University, and Zhejiang Province Laboratory" into the qualifier of the
    previous institutions ("Zhejiang University") and the next institution."""
    stripped = segment.strip(" ,;")
    match = _INSTITUTION_START.search(segment)
    if match is None:
        return None, stripped
    before = segment[: match.start()].strip(" ,;")
    after = segment[match.end():]
    if not before:
        return None, after.strip(" ,;")
    return before, after.strip(" ,;")


def _clean(name: str) -> str:
    return _LEAD.sub("", name).strip(" ,;.")


_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])")


def orcid(value: str | None) -> str | None:
    """ "https://orcid.org/0000-0002-1825-0097", "ORCID: 0000000218250097" -> "0000-0002-1825-0097"."""
    match = _ORCID.search(value or "")
    return "-".join(match.groups()) if match else None

