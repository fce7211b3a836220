"""Drugs, therapies and conditions named in a text, with the modifiers that belong to their names.

Lexicons (``ontology/vocab``) are matched with a token trie; drug names are also recognised by
WHO INN stems and conditions by their morphology ("-emia", "-oma", "... disease"). Modifiers
right before a name ("haploidentical", "CD7", "CD7-positive", "acute") stay part of it, and a
condition right before "prophylaxis" or "vaccination" names what is prevented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import EntityLabel
from ..vocabularies import word_list
from .abbreviations import find_abbreviations
from .drug_forms import (
    compound_names,
    development_codes,
    drug_name_in_full,
    ions,
    stem_drugs,
)
from .lexicons import CONDITION_HEAD, NOT_CONDITIONS, Concept, EntitySpan, lexicons
from .phrases import PhraseMatch, Token, tokenize
from .spans import Disjoint, Intervals

_BIOMARKER = re.compile(r"(?:anti-)?(?:CD\d+[a-z]?|[A-Z][A-Z0-9]{1,6}\d?)(?:-(?i:positive|negative|mutant|mutated|directed|targeted|specific))?$")
_CONDITION_SUFFIX = re.compile(
    r"^(?:[a-z]{3,}(?:emia|aemia|oma|omas|itis|osis|pathy|plasia|penia|algia|trophy|toxicity|toxic|cardia|rhythmias?|"
    r"plegia|paresis|rrhea|rrhoea|rrhage|uria|phagia|kinesias?|lepsy|spasms?|thermia|tonia|ataxia)|hyp(?:er|o)(?:tension|xia|"
    r"glyc(?:a)?emia|kal(?:a)?emia|natr(?:a)?emia|calc(?:a)?emia|activity|thyroidism|algesia|trophy|plasia)|[a-z]{2,}oxia)$")
_CONDITION_ENDINGS = tuple(word_list("condition endings"))
_ADJECTIVE = re.compile(r"^[a-z]{3,}(?:ic|ac|al|ar|oid|ous|ive|ary|ory)$")
_NOT_NAME_ADJECTIVES = frozenset(word_list("not name adjectives"))
_SUBTYPE_AFTER = re.compile(r"\s([A-E])(?![\w-])")
_PREVENTION_HEADS = {"prophylaxis", "vaccination", "prevention"}


def find_entities(text: str, tokens: Sequence[Token] | None = None) -> list[EntitySpan]:
    """Non-overlapping drug, therapy and condition spans in ``text``, in order."""
    tokens = tokenize(text) if tokens is None else tokens
    conditions_index, interventions_index, ends_in_stem, modifiers = lexicons()
    conditions = [_extend(text, tokens, m, modifiers["condition"], EntityLabel.CONDITION)
                  for m in _valid(conditions_index.find(tokens, text), text)]
    conditions += _morphological_conditions(text, tokens, conditions, modifiers["condition"])
    conditions = [_with_eponym(text, span) for span in conditions]
    by_end = _ConditionsByEnd(conditions)
    therapies = [_extend(text, tokens, m, modifiers["intervention"], EntityLabel.THERAPY, by_end)
                 for m in _valid(interventions_index.find(tokens, text), text)]
    drugs = stem_drugs(text, ends_in_stem) + ions(text) + development_codes(text)
    interventions = compound_names(text, _longest_first([drug_name_in_full(text, span) for span in therapies + drugs]))
    # a condition inside an intervention's name survives only where it names what is prevented
    named_in = Intervals([(i.start, i.end) for i in interventions], interventions)
    conditions = [c for c in _longest_first(conditions) if not any(
        c.concept not in i.concept for i in named_in.overlapping(c.start, c.end))]
    found = interventions + conditions
    return sorted(found + _defined_abbreviations(text, found), key=lambda s: (s.start, s.end))


# an eponym in the possessive before a condition is part of its name: Kaposi's sarcoma, Hodgkin's lymphoma
_EPONYM = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?['’]s? $")
_NOT_EPONYMS = frozenset(word_list("not eponyms"))


def _with_eponym(text: str, span: EntitySpan) -> EntitySpan:
    """A condition span extended over the possessive eponym written just before it."""
    if span.start < 5 or text[span.start - 1] != " " or text[span.start - 2] not in "s'’":
        return span
    eponym = _EPONYM.search(text, max(0, span.start - 30), span.start)
    if eponym is None or text[eponym.start():span.start].rstrip("'’s ").lower() in _NOT_EPONYMS:
        return span
    name = _singular(text[eponym.start():span.end].lower())
    return EntitySpan(eponym.start(), span.end, span.label, name, None, "entities: eponym")


def _defined_abbreviations(text: str, found: list[EntitySpan]) -> list[EntitySpan]:
    """Where the document defines an abbreviation for an entity it names ("neuroleptic malignant
    syndrome (NMS)"), the abbreviation there and everywhere else in the document is that entity."""
    if "(" not in text:
        return []
    extra: list[EntitySpan] = []
    taken = list(found)
    for abbreviation in find_abbreviations(text):
        entity = next((e for e in found if e.end == abbreviation.long_end and e.start >= abbreviation.long_start), None)
        if entity is None:
            entity = _condition_by_form(text, abbreviation.long_start, abbreviation.long_end, taken)
            if entity is None:
                continue
            extra.append(entity)
            taken.append(entity)
        pattern = re.compile(rf"(?<![\w-]){re.escape(abbreviation.short)}(?![\w-])")
        for use in pattern.finditer(text):
            span = EntitySpan(use.start(), use.end(), entity.label, entity.concept, entity.code, "entities: defined abbreviation")
            if not any(_overlap(span, other) for other in taken):
                extra.append(span)
                taken.append(span)
    return extra


def _condition_by_form(text: str, start: int, end: int, taken: list[EntitySpan]) -> EntitySpan | None:
    """A defined long form the lexicons lack, read as a condition by its head word or suffix
    ("neuroleptic malignant syndrome (NMS)", "drug-induced hepatitis (DIH)")."""
    words = text[start:end].split()
    last = words[-1].lower().strip(",;:") if words else ""
    if not (1 <= len(words) <= 5) or any(ch.isdigit() for ch in text[start:end]):
        return None
    if not (last in CONDITION_HEAD or _CONDITION_SUFFIX.match(last)) or last in NOT_CONDITIONS:
        return None
    span = EntitySpan(start, end, EntityLabel.CONDITION, " ".join(w.lower() for w in words), None, "entities: condition form")
    return None if any(_overlap(span, other) for other in taken) else span


def _longest_first(spans: list[EntitySpan]) -> list[EntitySpan]:
    """The overlap policy: longer spans win, then earlier ones."""
    chosen: list[EntitySpan] = []
    taken = Disjoint()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.overlaps(span.start, span.end):
            chosen.append(span)
            taken.add(span.start, span.end)
    return chosen


def _overlap(a: EntitySpan, b: EntitySpan) -> bool:
    return a.start < b.end and b.start < a.end


def _valid(matches: list[PhraseMatch], text: str) -> list[PhraseMatch]:
    """Drop abbreviation matches whose case differs ("all" is not ALL)."""
    return [m for m in matches if m.value.surface is None or text[m.start:m.end] == m.value.surface]


def _extend(text: str, tokens: Sequence[Token], match: PhraseMatch, words: set[str], label: str,
            conditions: _ConditionsByEnd | None = None) -> EntitySpan:
    concept: Concept = match.value
    start = match.start
    i = match.first_token
    prefix: list[str] = []
    head = concept.name.split()[-1].lower()
    if head in _PREVENTION_HEADS and conditions is not None:
        before = _condition_before(text, conditions, match.start)
        if before is not None:
            return EntitySpan(before.start, match.end, EntityLabel.THERAPY, f"{before.concept} {concept.name}", None, "entities: prevention of a condition")
    # a drug's name stands alone: route and dose ("intravenous", "high-dose") describe how it was given
    while concept.label != EntityLabel.DRUG and i > 0 and _gap_ok(text, tokens[i - 1].end, tokens[i].start):
        word = text[tokens[i - 1].start:tokens[i].start].strip(" -")
        j = i - 1
        # hyphenated modifiers ("CD7-positive", "non-small-cell") come as several tokens
        while j > 0 and text[tokens[j - 1].end:tokens[j].start] == "-":
            j -= 1
            word = text[tokens[j].start:tokens[i].start].strip(" -")
        if word.lower() not in words and j > 0 and _gap_ok(text, tokens[j - 1].end, tokens[j].start):
            pair = text[tokens[j - 1].start:tokens[i].start].strip(" -")  # "spinal cord", "locally advanced"
            if pair.lower() in words:
                word, j = pair, j - 1
        if word.lower() in words or _BIOMARKER.match(word) or (label == EntityLabel.CONDITION and _anatomic_adjective(word)):
            prefix.insert(0, word if _BIOMARKER.match(word) else word.lower())
            start = tokens[j].start
            i = j
        else:
            break
    end = match.end
    if label == EntityLabel.CONDITION:
        subtype = _SUBTYPE_AFTER.match(text, end)
        if subtype:  # "hepatitis B", "hemophilia A"
            end = subtype.end()
            concept = Concept(f"{concept.name} {subtype.group(1)}", concept.label, None, concept.surface)
    name = " ".join([*prefix, concept.name])
    return EntitySpan(start, end, label if concept.label != EntityLabel.DRUG else EntityLabel.DRUG, name,
                      concept.code if not prefix else None)


def _anatomic_adjective(word: str) -> bool:
    """"optic neuropathy", "hemorrhagic cystitis", "rheumatoid arthritis": a descriptive adjective
    that belongs to the condition's name."""
    lower = word.lower()
    return word.isalpha() and word[1:].islower() and bool(_ADJECTIVE.match(lower)) and lower not in _NOT_NAME_ADJECTIVES


def _gap_ok(text: str, left_end: int, right_start: int) -> bool:
    gap = text[left_end:right_start]
    return 0 < len(gap) <= 2 and gap.strip(" -") == ""


class _ConditionsByEnd:
    """A text's conditions by where they end, in the order given (the first that fits wins): the
    condition right before an offset is a look-up, not a scan of every condition."""

    def __init__(self, conditions: Sequence[EntitySpan]) -> None:
        self._by_end: dict[int, list[tuple[int, EntitySpan]]] = {}
        for rank, condition in enumerate(conditions):
            self._by_end.setdefault(condition.end, []).append((rank, condition))

    def ending_before(self, text: str, position: int, gap: str | None) -> list[EntitySpan]:
        """Conditions that end at ``position`` or before it with only ``gap`` characters (None: white
        space) between, in the order given."""
        start = position
        while start > 0 and (text[start - 1] in gap if gap is not None else text[start - 1].isspace()):
            start -= 1
        found = [item for end in range(start, position + 1) for item in self._by_end.get(end, ())]
        return [condition for _, condition in sorted(found, key=lambda item: item[0])]


def _condition_before(text: str, conditions: _ConditionsByEnd, position: int) -> EntitySpan | None:
    """The condition right before ``position``; "graft-versus-host disease (GVHD)" counts as one."""
    for condition in conditions.ending_before(text, position, " -)"):
        if condition.start > 0 and text[condition.start - 1] == "(":
            full = next((c for c in conditions.ending_before(text, condition.start - 1, None)
                         if c.concept == condition.concept), None)
            if full is not None:
                return EntitySpan(full.start, condition.end, condition.label, condition.concept, condition.code, condition.rule)
        return condition
    return None


def _morphological_conditions(text: str, tokens: Sequence[Token], known: list[EntitySpan], words: set[str]) -> list[EntitySpan]:
    found = []
    # a token's key is its lower-case form, maybe without a plural "s" (whose singular ending is listed too)
    candidates = [i for i, token in enumerate(tokens) if token.key.endswith(_CONDITION_ENDINGS) or token.key in CONDITION_HEAD]
    for index in candidates:
        token = tokens[index]
        lower = text[token.start:token.end].lower()
        suffixed = lower.endswith(_CONDITION_ENDINGS) and _CONDITION_SUFFIX.match(lower)  # endswith first: cheap
        if lower in NOT_CONDITIONS or not (suffixed or (lower in CONDITION_HEAD and index > 0)):
            continue
        if any(span.start <= token.start < span.end for span in known):
            continue
        name = lower + "ity" if lower.endswith("toxic") else _singular(lower)  # nephrotoxic: nephrotoxicity
        match = PhraseMatch(token.start, token.end, index, index + 1, Concept(name, EntityLabel.CONDITION))
        span = _extend(text, tokens, match, words, EntityLabel.CONDITION)
        if lower in CONDITION_HEAD and span.start == token.start:
            continue  # a bare "disease" or "failure" names nothing
        found.append(span)
    return found


def _singular(word: str) -> str:
    if word.endswith("omas"):
        return word[:-1]
    if word.endswith(("tumors", "tumours", "cancers", "diseases", "disorders", "infections")):
        return word[:-1]
    return word
