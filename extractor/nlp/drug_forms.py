"""Drug names recognised by their form rather than a lexicon: ions ("Na+"), development codes
("ABT-199"), WHO INN stems ("-mab", "-tinib"), salts and locants written in full, compound names."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..records import EntityLabel
from ..vocabularies import mesh_code, word_list
from .guarded import guarded
from .lexicons import EntitySpan
from .registrations import REGISTRY_PREFIXES, find_registrations

# a locant or stereo prefix that is part of a chemical's name: 5-fluorouracil, 6-hydroxydopamine,
# d-amphetamine, N-acetylcysteine, epsilon-aminocaproic acid, L-dopa
_LOCANT = re.compile(r"(?<![\w-])(?:\d{1,2}(?:,\d{1,2})*|[NOSRDL]|dl?|l|alpha|beta|gamma|delta|epsilon|omega|cis|trans|[α-ω])-$")


# what follows a substance's name as part of it: its salt ("lithium carbonate", "bupropion HCl") or a
# letter-and-number designation ("prostaglandin E2", "vitamin B12", "coenzyme Q10", "interferon alpha-2b")
_SALT_OR_DESIGNATION = re.compile(
    r" (?:(?:di)?hydrochloride|HCl|hydrobromide|sodium|potassium|calcium|magnesium|carbonate|acetate|sulfate|sulphate|"
    r"maleate|citrate|mesylate|tartrate|succinate|fumarate|besylate|bromide|monohydrate|dihydrate|"
    r"[A-HJ-Z]\d{0,2}|(?:alpha|beta|gamma)-\d[a-z]?)(?![\w-])")


def drug_name_in_full(text: str, span: EntitySpan) -> EntitySpan:
    """A drug span extended over the locant or stereo prefix written before it and the salt or
    designation written after it."""
    if span.label != EntityLabel.DRUG:
        return span
    start, end = span.start, span.end
    if start >= 2 and text[start - 1] == "-":
        prefix = _LOCANT.search(text, max(0, start - 9), start)
        start = prefix.start() if prefix else start
    if end < len(text) and text[end] == " ":
        suffix = _SALT_OR_DESIGNATION.match(text, end)
        end = suffix.end() if suffix else end
    return span if (start, end) == (span.start, span.end) else EntitySpan(start, end, span.label, span.concept, span.code, span.rule)


# the second word of a two-word substance name ("acetic acid", "retinyl acetate", "iron dextran") and
# the first words that make one with it: an -ic acid, an -yl group, a cation, or a named family
_COMPOUND_TAILS = frozenset(word_list("compound tails"))


_COMPOUND_HEAD = re.compile(r"(?<![\w-])(?:[A-Za-z][a-z-]*(?:ic|yl|ium|ous)|bile|amino|fatty|nucleic|iron|zinc|lithium|"
                            r"sodium|potassium|calcium|magnesium|silver|copper) $")


def compound_names(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Two-word substance names as one span: a tail word ("acid", "acetate", "dextran") with the
    word before it when that word makes a name with it ("acetic acid", "ammonium acetate")."""
    out: list[EntitySpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        head = None
        if span.label == EntityLabel.DRUG and text[span.start:span.end].lower() in _COMPOUND_TAILS:
            head = _COMPOUND_HEAD.search(text, max(0, span.start - 30), span.start)
        previous = out[-1] if out else None
        if head is not None and previous is not None and previous.end > head.start():
            if (previous.start, previous.end) != (head.start(), head.end() - 1):
                head = None  # the word before belongs to another name
            else:
                out.pop()  # "iron dextran": two names that are one
        if head is not None:
            name = text[head.start():span.end].lower()
            span = EntitySpan(head.start(), span.end, EntityLabel.DRUG, name, mesh_code(name), "entities: compound name")
        out.append(span)
    return out


# an element's symbol written as an ion ("Na+", "K(+)", "Ca2+") or beside another ("Na+/K+", "(Na,K)-ATPase")
_ION_NAMES = {"Na": "sodium", "K": "potassium", "Ca": "calcium", "Mg": "magnesium", "Li": "lithium", "Cl": "chloride",
              "Fe": "iron", "Zn": "zinc", "Cu": "copper", "Mn": "manganese"}


_SYMBOL = "|".join(_ION_NAMES)


_ION = guarded(rf"(?<![\w-])(?P<symbol>{_SYMBOL})(?=\s?\(?[23]?(?:\+|−|\(-\)))")


_PAIRED = re.compile(rf"[,/](?P<symbol>{_SYMBOL})(?![\w])")  # the second of "Na,K" or "Na+/K+": starts at the "," or "/"


_SYMBOL_BEFORE = re.compile(rf"(?<![\w-])(?:{_SYMBOL})\+?$")


def ions(text: str) -> list[EntitySpan]:
    """Element symbols written as ions: each names its element ("Na+" is sodium)."""
    found = {}
    if "+" in text or "−" in text or "(-)" in text:
        found.update((m.span("symbol"), m.group("symbol")) for m in _ION.finditer(text))
    for m in _PAIRED.finditer(text):
        before = _SYMBOL_BEFORE.search(text, max(0, m.start() - 3), m.start())
        if before is not None:
            symbol = before.group().rstrip("+")
            found[(before.start(), before.start() + len(symbol))] = symbol
            found[m.span("symbol")] = m.group("symbol")
    return [EntitySpan(start, end, EntityLabel.DRUG, _ION_NAMES[symbol], mesh_code(_ION_NAMES[symbol]), "entities: ion")
            for (start, end), symbol in sorted(found.items())]


# a compound's development code: company letters and a number ("MK-801", "FK506", "SM-5887", "LY274614")
_DEVELOPMENT_CODE = guarded(r"(?<![\w-])(?P<prefix>[A-Z]{2,4})(?P<gap>[- ]?)(?P<number>\d{3,6})(?P<tail>[A-Z]?)(?![\w-])")


# letters before a number that name a trial group's study, a standard, a marker, a cell line, a culture
# collection or a questionnaire, not a compound (registries: registrations.REGISTRY_PREFIXES)
_NOT_COMPOUNDS = frozenset(word_list("not development codes"))


def development_codes(text: str) -> list[EntitySpan]:
    """Development codes of compounds; not trial registrations (nor registry-like IDs), trial-group
    study numbers or years."""
    found = [EntitySpan(match.start(), match.end(), EntityLabel.DRUG, match.group(), None, "entities: development code") for match in _DEVELOPMENT_CODE.finditer(text)
             if match.group("prefix") not in _NOT_COMPOUNDS and match.group("prefix") not in REGISTRY_PREFIXES
             and not (len(match.group("number")) == 4 and match.group("number")[:2] in ("19", "20"))]
    if not found:
        return found
    registered = [r for r in find_registrations(text) if r.start is not None]  # "JMA-IIA00123": a code inside an ID
    return [code for code in found if not any(r.start < code.end and code.start < r.end for r in registered)]


_STEM_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][a-z]{6,}(?![A-Za-z0-9'’])")


def stem_drugs(text: str, ends_in_stem: Callable[[str], bool]) -> list[EntitySpan]:
    """Words of 7+ letters, lower case after the first, ending in a WHO INN stem ("tacrolimus")."""
    found = []
    for match in _STEM_CANDIDATE.finditer(text):
        lower = match.group().lower()
        if ends_in_stem(lower):
            found.append(EntitySpan(match.start(), match.end(), EntityLabel.DRUG, lower, None, "entities: INN stem"))
    return found
