"""Drugs, therapies and conditions named in a text, with the modifiers that belong to their names.

Lexicons (``ontology/vocab``) are matched with a token trie; drug names are also recognised by
WHO INN stems and conditions by their morphology ("-emia", "-oma", "... disease"). Modifiers
right before a name ("haploidentical", "CD7", "CD7-positive", "acute") stay part of it, and a
condition right before "prophylaxis" or "vaccination" names what is prevented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from ..vocabularies import mesh_code, read_table, split_list
from .abbreviations import find_abbreviations
from .guarded import guarded
from .mesh_names import SUBSTANCE_KINDS, names_a_condition, names_a_substance, names_one_disease, uninverted
from .phrases import PhraseIndex, PhraseMatch, Token, tokenize
from .registrations import REGISTRY_PREFIXES, find_registrations
from .spans import Disjoint, Intervals


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    label: str  # DRUG, THERAPY or CONDITION
    code: str | None = None
    surface: str | None = None  # an abbreviation that must match with this exact case


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    label: str
    concept: str
    code: str | None


_BIOMARKER = re.compile(r"(?:anti-)?(?:CD\d+[a-z]?|[A-Z][A-Z0-9]{1,6}\d?)(?:-(?i:positive|negative|mutant|mutated|directed|targeted|specific))?$")
_NOT_CONDITIONS = {"toxic", "cytotoxic", "genotoxic", "prognosis", "diagnosis", "hypothesis", "analysis", "synthesis", "emphasis", "basis", "thesis",
                   "diagnoses", "prognoses", "hypotheses", "analyses", "apoptosis", "homeostasis", "genesis", "biopsy"}
_CONDITION_SUFFIX = re.compile(
    r"^(?:[a-z]{3,}(?:emia|aemia|oma|omas|itis|osis|pathy|plasia|penia|algia|trophy|toxicity|toxic|cardia|rhythmias?|"
    r"plegia|paresis|rrhea|rrhoea|rrhage|uria|phagia|kinesias?|lepsy|spasms?|thermia|tonia|ataxia)|hyp(?:er|o)(?:tension|xia|"
    r"glyc(?:a)?emia|kal(?:a)?emia|natr(?:a)?emia|calc(?:a)?emia|activity|thyroidism|algesia|trophy|plasia)|[a-z]{2,}oxia)$")
_CONDITION_ENDINGS = ("emia", "oma", "omas", "itis", "osis", "pathy", "plasia", "penia", "algia", "trophy", "toxicity", "toxic",
                      "cardia", "rhythmia", "rhythmias", "plegia", "paresis", "rrhea", "rrhoea", "rrhage", "uria", "phagia",
                      "kinesia", "kinesias", "lepsy", "spasm", "spasms", "thermia", "tonia", "ataxia", "tension", "xia",
                      "activity", "thyroidism", "algesia")
_CONDITION_HEAD = {"cancer", "cancers", "tumor", "tumors", "tumour", "tumours", "carcinoma", "disease", "diseases",
                   "syndrome", "disorder", "disorders", "infection", "infections", "failure", "deficiency",
                   "injury", "injuries", "dysfunction", "impairment"}
_ADJECTIVE = re.compile(r"^[a-z]{3,}(?:ic|ac|al|ar|oid|ous|ive|ary|ory)$")
_NOT_NAME_ADJECTIVES = {"clinical", "total", "normal", "general", "typical", "potential", "additional", "several",
                        "similar", "initial", "overall", "usual", "actual", "original", "natural", "critical", "serious",
                        "previous", "various", "obvious", "positive", "negative", "effective", "relative", "primary",
                        "secondary", "preliminary", "necessary", "ordinary", "temporary", "voluntary", "specific",
                        "classic", "basic", "public", "economic", "medical", "surgical", "experimental", "significant",
                        "major", "minor", "similar", "regular", "particular", "popular", "various", "numerous",
                        "dangerous", "continuous", "massive", "extensive", "progressive", "persistent", "incidental",
                        "fatal", "lethal", "novel", "global", "local", "universal", "conventional", "traditional",
                        "optimal", "minimal", "maximal", "residual", "partial", "bilateral", "unilateral", "functional",
                        "structural", "physical", "mental", "social", "emotional", "verbal", "visual", "oral",
                        "potential", "subsequent", "frequent", "recurrent", "transient", "concurrent", "annual",
                        # course, stage, zygosity and certainty qualify a condition without being part of its name
                        "metastatic", "spontaneous", "heterozygous", "homozygous", "symptomatic", "asymptomatic",
                        "subclinical", "putative", "consecutive", "subjective", "selective", "ipsilateral",
                        "contralateral", "perinatal", "polymorphous", "transgenic",
                        # judgements and scope, not kinds of condition
                        "substantial", "comprehensive", "characteristic", "heterogeneous", "synergistic",
                        "national", "native", "active", "refractory", "exploratory", "satisfactory", "unsatisfactory",
                        "mandatory", "laboratory", "regulatory", "preparatory", "confirmatory", "contradictory"}
_SUBTYPE_AFTER = re.compile(r"\s([A-E])(?![\w-])")
_PREVENTION_HEADS = {"prophylaxis", "vaccination", "prevention"}


@lru_cache(maxsize=1)
def lexicons() -> tuple[PhraseIndex, PhraseIndex, Callable[[str], bool], dict[str, set[str]]]:
    """(condition index, intervention index, the test whether a word ends in a drug stem, modifiers
    by what they apply to)."""
    conditions = PhraseIndex()
    names: dict[str, Concept] = {}  # every condition phrase, lower-cased -> its concept
    for table in ("conditions_curated.tsv", "conditions.tsv"):
        for row in read_table(table, ("name", "code", "synonyms")):
            concept = Concept(row["name"], "CONDITION", row["code"] or None)
            for phrase in [row["name"], *split_list(row["synonyms"])]:
                _add(conditions, phrase, concept)
                names.setdefault(phrase.lower(), concept)
    interventions = PhraseIndex()
    for row in read_table("interventions.tsv", ("name", "kind", "synonyms")):
        label = "DRUG" if row["kind"] == "drug" else "THERAPY"
        concept = Concept(row["name"], label)
        _add(interventions, row["name"], concept)
        for synonym in split_list(row["synonyms"]):
            _add(interventions, synonym, concept)
    for row in read_table("substances_curated.tsv", ("name", "code", "synonyms")):
        concept = Concept(row["name"], "DRUG", row["code"] or None)
        for phrase in [row["name"], *split_list(row["synonyms"])]:
            _add(interventions, phrase, concept)
    for row in read_table("mesh.tsv", ("name", "code", "kind")):
        name = row["name"] if row["name"].isupper() else row["name"].lower()
        if row["kind"] in SUBSTANCE_KINDS and names_a_substance(row["name"]):
            _add(interventions, row["name"], Concept(name, "DRUG", row["code"]))
        elif row["kind"] == "disease" and names_one_disease(row["name"]) and row["name"].lower() not in _CONDITION_HEAD:
            phrase = uninverted(row["name"])
            concept = Concept(phrase if phrase.isupper() else phrase.lower(), "CONDITION", row["code"])
            _add(conditions, phrase, concept)
            names.setdefault(phrase.lower(), concept)
        elif (row["kind"] == "descriptor" and names_a_condition(row["name"])
              and row["name"].lower() not in _NOT_CONDITIONS and row["name"].lower() not in _CONDITION_HEAD):
            concept = Concept(name, "CONDITION", row["code"])
            _add(conditions, row["name"], concept)
            names.setdefault(row["name"].lower(), concept)
    for adjective, concept in _condition_adjectives(names).items():
        _add(conditions, adjective, concept)
    stems = {row["stem"]: row["class"] for row in read_table("drug_stems.tsv", ("stem", "class"))}
    modifiers: dict[str, set[str]] = {"intervention": set(), "condition": set()}
    for row in read_table("modifiers.tsv", ("word", "applies_to")):
        modifiers[row["applies_to"]].add(row["word"].lower())
    return conditions, interventions, _stem_test(stems), modifiers


# a condition's adjective, by its noun's ending: hypertension -> hypertensive, epilepsy -> epileptic,
# thrombosis -> thrombotic, parkinsonism -> parkinsonian, nephrotoxicity -> nephrotoxic,
# convulsion -> convulsive, ischemia -> ischemic, neuropathy -> neuropathic, obesity -> obese
_ADJECTIVE_ENDINGS = (("tension", "tensive"), ("epsy", "eptic"), ("osis", "otic"), ("ism", "ian"), ("icity", "ic"),
                      ("sion", "sive"), ("ia", "ic"), ("pathy", "pathic"), ("esity", "ese"))


def _condition_adjectives(names: dict[str, Concept]) -> dict[str, Concept]:
    """Adjectives of one-word condition names (7+ letters), each naming its noun's concept; never a
    word that is already a phrase of the lexicons."""
    found: dict[str, Concept] = {}
    for name, concept in names.items():
        if len(name) < 7 or not name.isalpha():
            continue
        for noun, adjective in _ADJECTIVE_ENDINGS:
            if name.endswith(noun):
                derived = name[: -len(noun)] + adjective
                if derived not in names and derived not in _NOT_CONDITIONS:
                    found.setdefault(derived, concept)
                break
    return found


def _add(index: PhraseIndex, phrase: str, concept: Concept) -> None:
    is_abbreviation = phrase.isupper() and len(phrase) <= 6
    index.add(phrase, Concept(concept.name, concept.label, concept.code, phrase if is_abbreviation else None))


def find_entities(text: str, tokens: Sequence[Token] | None = None) -> list[EntitySpan]:
    """Non-overlapping drug, therapy and condition spans in ``text``, in order."""
    tokens = tokenize(text) if tokens is None else tokens
    conditions_index, interventions_index, ends_in_stem, modifiers = lexicons()
    conditions = [_extend(text, tokens, m, modifiers["condition"], "CONDITION")
                  for m in _valid(conditions_index.find(tokens, text), text)]
    conditions += _morphological_conditions(text, tokens, conditions, modifiers["condition"])
    conditions = [_with_eponym(text, span) for span in conditions]
    by_end = _ConditionsByEnd(conditions)
    therapies = [_extend(text, tokens, m, modifiers["intervention"], "THERAPY", by_end)
                 for m in _valid(interventions_index.find(tokens, text), text)]
    drugs = _stem_drugs(text, ends_in_stem) + _ions(text) + _development_codes(text)
    interventions = _compound_names(text, _longest_first([_drug_name_in_full(text, span) for span in therapies + drugs]))
    # a condition inside an intervention's name survives only where it names what is prevented
    named_in = Intervals([(i.start, i.end) for i in interventions], interventions)
    conditions = [c for c in _longest_first(conditions) if not any(
        c.concept not in i.concept for i in named_in.overlapping(c.start, c.end))]
    found = interventions + conditions
    return sorted(found + _defined_abbreviations(text, found), key=lambda s: (s.start, s.end))


# an eponym in the possessive before a condition is part of its name: Kaposi's sarcoma, Hodgkin's lymphoma
_EPONYM = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?['’]s? $")
_NOT_EPONYMS = {"patient", "patients", "child", "children", "women", "woman", "men", "man", "people", "author", "authors",
                "subject", "subjects", "participant", "participants", "doctor", "physician", "mother", "infant", "today"}


def _with_eponym(text: str, span: EntitySpan) -> EntitySpan:
    """A condition span extended over the possessive eponym written just before it."""
    if span.start < 5 or text[span.start - 1] != " " or text[span.start - 2] not in "s'’":
        return span
    eponym = _EPONYM.search(text, max(0, span.start - 30), span.start)
    if eponym is None or text[eponym.start():span.start].rstrip("'’s ").lower() in _NOT_EPONYMS:
        return span
    name = _singular(text[eponym.start():span.end].lower())
    return EntitySpan(eponym.start(), span.end, span.label, name, None)


# a locant or stereo prefix that is part of a chemical's name: 5-fluorouracil, 6-hydroxydopamine,
# d-amphetamine, N-acetylcysteine, epsilon-aminocaproic acid, L-dopa
_LOCANT = re.compile(r"(?<![\w-])(?:\d{1,2}(?:,\d{1,2})*|[NOSRDL]|dl?|l|alpha|beta|gamma|delta|epsilon|omega|cis|trans|[α-ω])-$")

# what follows a substance's name as part of it: its salt ("lithium carbonate", "bupropion HCl") or a
# letter-and-number designation ("prostaglandin E2", "vitamin B12", "coenzyme Q10", "interferon alpha-2b")
_SALT_OR_DESIGNATION = re.compile(
    r" (?:(?:di)?hydrochloride|HCl|hydrobromide|sodium|potassium|calcium|magnesium|carbonate|acetate|sulfate|sulphate|"
    r"maleate|citrate|mesylate|tartrate|succinate|fumarate|besylate|bromide|monohydrate|dihydrate|"
    r"[A-HJ-Z]\d{0,2}|(?:alpha|beta|gamma)-\d[a-z]?)(?![\w-])")


def _drug_name_in_full(text: str, span: EntitySpan) -> EntitySpan:
    """A drug span extended over the locant or stereo prefix written before it and the salt or
    designation written after it."""
    if span.label != "DRUG":
        return span
    start, end = span.start, span.end
    if start >= 2 and text[start - 1] == "-":
        prefix = _LOCANT.search(text, max(0, start - 9), start)
        start = prefix.start() if prefix else start
    if end < len(text) and text[end] == " ":
        suffix = _SALT_OR_DESIGNATION.match(text, end)
        end = suffix.end() if suffix else end
    return span if (start, end) == (span.start, span.end) else EntitySpan(start, end, span.label, span.concept, span.code)


# the second word of a two-word substance name ("acetic acid", "retinyl acetate", "iron dextran") and
# the first words that make one with it: an -ic acid, an -yl group, a cation, or a named family
_COMPOUND_TAILS = {"acid", "acids", "acetate", "chloride", "bromide", "iodide", "sulfate", "sulphate", "phosphate",
                   "citrate", "nitrate", "carbonate", "oxide", "hydroxide", "dextran", "deoxycholate", "lactate",
                   "gluconate", "fumarate", "succinate", "tartrate", "palmitate", "ester"}
_COMPOUND_HEAD = re.compile(r"(?<![\w-])(?:[A-Za-z][a-z-]*(?:ic|yl|ium|ous)|bile|amino|fatty|nucleic|iron|zinc|lithium|"
                            r"sodium|potassium|calcium|magnesium|silver|copper) $")


def _compound_names(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Two-word substance names as one span: a tail word ("acid", "acetate", "dextran") with the
    word before it when that word makes a name with it ("acetic acid", "ammonium acetate")."""
    out: list[EntitySpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        head = None
        if span.label == "DRUG" and text[span.start:span.end].lower() in _COMPOUND_TAILS:
            head = _COMPOUND_HEAD.search(text, max(0, span.start - 30), span.start)
        previous = out[-1] if out else None
        if head is not None and previous is not None and previous.end > head.start():
            if (previous.start, previous.end) != (head.start(), head.end() - 1):
                head = None  # the word before belongs to another name
            else:
                out.pop()  # "iron dextran": two names that are one
        if head is not None:
            name = text[head.start():span.end].lower()
            span = EntitySpan(head.start(), span.end, "DRUG", name, mesh_code(name))
        out.append(span)
    return out


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
            span = EntitySpan(use.start(), use.end(), entity.label, entity.concept, entity.code)
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
    if not (last in _CONDITION_HEAD or _CONDITION_SUFFIX.match(last)) or last in _NOT_CONDITIONS:
        return None
    span = EntitySpan(start, end, "CONDITION", " ".join(w.lower() for w in words), None)
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
            return EntitySpan(before.start, match.end, "THERAPY", f"{before.concept} {concept.name}", None)
    # a drug's name stands alone: route and dose ("intravenous", "high-dose") describe how it was given
    while concept.label != "DRUG" and i > 0 and _gap_ok(text, tokens[i - 1].end, tokens[i].start):
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
        if word.lower() in words or _BIOMARKER.match(word) or (label == "CONDITION" and _anatomic_adjective(word)):
            prefix.insert(0, word if _BIOMARKER.match(word) else word.lower())
            start = tokens[j].start
            i = j
        else:
            break
    end = match.end
    if label == "CONDITION":
        subtype = _SUBTYPE_AFTER.match(text, end)
        if subtype:  # "hepatitis B", "hemophilia A"
            end = subtype.end()
            concept = Concept(f"{concept.name} {subtype.group(1)}", concept.label, None, concept.surface)
    name = " ".join([*prefix, concept.name])
    return EntitySpan(start, end, label if concept.label != "DRUG" else "DRUG", name,
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
                return EntitySpan(full.start, condition.end, condition.label, condition.concept, condition.code)
        return condition
    return None


def _morphological_conditions(text: str, tokens: Sequence[Token], known: list[EntitySpan], words: set[str]) -> list[EntitySpan]:
    found = []
    # a token's key is its lower-case form, maybe without a plural "s" (whose singular ending is listed too)
    candidates = [i for i, token in enumerate(tokens) if token.key.endswith(_CONDITION_ENDINGS) or token.key in _CONDITION_HEAD]
    for index in candidates:
        token = tokens[index]
        lower = text[token.start:token.end].lower()
        suffixed = lower.endswith(_CONDITION_ENDINGS) and _CONDITION_SUFFIX.match(lower)  # endswith first: cheap
        if lower in _NOT_CONDITIONS or not (suffixed or (lower in _CONDITION_HEAD and index > 0)):
            continue
        if any(span.start <= token.start < span.end for span in known):
            continue
        name = lower + "ity" if lower.endswith("toxic") else _singular(lower)  # nephrotoxic: nephrotoxicity
        match = PhraseMatch(token.start, token.end, index, index + 1, Concept(name, "CONDITION"))
        span = _extend(text, tokens, match, words, "CONDITION")
        if lower in _CONDITION_HEAD and span.start == token.start:
            continue  # a bare "disease" or "failure" names nothing
        found.append(span)
    return found


# an element's symbol written as an ion ("Na+", "K(+)", "Ca2+") or beside another ("Na+/K+", "(Na,K)-ATPase")
_ION_NAMES = {"Na": "sodium", "K": "potassium", "Ca": "calcium", "Mg": "magnesium", "Li": "lithium", "Cl": "chloride",
              "Fe": "iron", "Zn": "zinc", "Cu": "copper", "Mn": "manganese"}
_SYMBOL = "|".join(_ION_NAMES)
_ION = guarded(rf"(?<![\w-])(?P<symbol>{_SYMBOL})(?=\s?\(?[23]?(?:\+|−|\(-\)))")
_PAIRED = re.compile(rf"[,/](?P<symbol>{_SYMBOL})(?![\w])")  # the second of "Na,K" or "Na+/K+": starts at the "," or "/"
_SYMBOL_BEFORE = re.compile(rf"(?<![\w-])(?:{_SYMBOL})\+?$")


def _ions(text: str) -> list[EntitySpan]:
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
    return [EntitySpan(start, end, "DRUG", _ION_NAMES[symbol], mesh_code(_ION_NAMES[symbol]))
            for (start, end), symbol in sorted(found.items())]


# a compound's development code: company letters and a number ("MK-801", "FK506", "SM-5887", "LY274614")
_DEVELOPMENT_CODE = guarded(r"(?<![\w-])(?P<prefix>[A-Z]{2,4})(?P<gap>[- ]?)(?P<number>\d{3,6})(?P<tail>[A-Z]?)(?![\w-])")
# letters before a number that name a trial group's study, a standard, a marker, a cell line, a culture
# collection or a questionnaire, not a compound (registries: registrations.REGISTRY_PREFIXES)
_NOT_COMPOUNDS = {"PMID", "PMC", "DOI", "ISO", "ISBN", "ISSN", "ICD", "DSM", "CA", "EORTC", "RTOG", "CALGB", "NSABP", "GOG",
                  "SWOG", "ECOG", "JCOG", "NCCTG", "COG", "ACTG", "HPTN", "NRG", "AIDS", "WHO", "FDA", "EMA", "CE", "AD",
                  "BC", "EC", "CAS", "NIH", "MRC", "ATCC", "NCTC", "CCUG", "JCM", "KCTC", "CBS", "NRRL", "IFO", "RPMI",
                  "MOPC", "TA", "HCT", "HEK", "SW", "NCI", "MMPI", "HLA", "USD", "EUR", "GBP", "IU", "MW", "BMI"}


def _development_codes(text: str) -> list[EntitySpan]:
    """Development codes of compounds; not trial registrations (nor registry-like IDs), trial-group
    study numbers or years."""
    found = [EntitySpan(match.start(), match.end(), "DRUG", match.group(), None) for match in _DEVELOPMENT_CODE.finditer(text)
             if match.group("prefix") not in _NOT_COMPOUNDS and match.group("prefix") not in REGISTRY_PREFIXES
             and not (len(match.group("number")) == 4 and match.group("number")[:2] in ("19", "20"))]
    if not found:
        return found
    registered = [r for r in find_registrations(text) if r.start is not None]  # "JMA-IIA00123": a code inside an ID
    return [code for code in found if not any(r.start < code.end and code.start < r.end for r in registered)]


_STEM_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][a-z]{6,}(?![A-Za-z0-9'’])")


def _stem_drugs(text: str, ends_in_stem: Callable[[str], bool]) -> list[EntitySpan]:
    """Words of 7+ letters, lower case after the first, ending in a WHO INN stem ("tacrolimus")."""
    found = []
    for match in _STEM_CANDIDATE.finditer(text):
        lower = match.group().lower()
        if ends_in_stem(lower):
            found.append(EntitySpan(match.start(), match.end(), "DRUG", lower, None))
    return found


def _stem_test(stems: dict[str, str]) -> Callable[[str], bool]:
    """Whether a lower-case word ends in one of ``stems``, answered once per word: the words of
    abstracts repeat, and a test costs a slice and a look-up per stem length."""
    lengths = tuple(sorted({len(stem) for stem in stems}))

    @lru_cache(maxsize=200_000)
    def ends_in_stem(word: str) -> bool:
        return any(word[-n:] in stems for n in lengths)
    return ends_in_stem


def _singular(word: str) -> str:
    if word.endswith("omas"):
        return word[:-1]
    if word.endswith(("tumors", "tumours", "cancers", "diseases", "disorders", "infections")):
        return word[:-1]
    return word
