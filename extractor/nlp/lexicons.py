"""The lexicons litkg matches names with (ontology/vocab: conditions, interventions, substances, MeSH,
drug stems, modifiers), loaded once and read only, and the records their matches give."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..records import EntityLabel
from ..vocabularies import read_table, split_list, word_list
from .mesh_names import (
    SUBSTANCE_KINDS,
    names_a_condition,
    names_a_substance,
    names_one_disease,
    uninverted,
)
from .phrases import PhraseIndex


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
    rule: str = "entities: lexicon"  # which recogniser found it


CONDITION_HEAD = frozenset(word_list("condition heads"))


@lru_cache(maxsize=1)
def lexicons() -> tuple[PhraseIndex, PhraseIndex, Callable[[str], bool], dict[str, set[str]]]:
    """(condition index, intervention index, the test whether a word ends in a drug stem, modifiers
    by what they apply to)."""
    conditions = PhraseIndex()
    names: dict[str, Concept] = {}  # every condition phrase, lower-cased -> its concept
    for table in ("conditions_curated.tsv", "conditions.tsv"):
        for row in read_table(table, ("name", "code", "synonyms")):
            concept = Concept(row["name"], EntityLabel.CONDITION, row["code"] or None)
            for phrase in [row["name"], *split_list(row["synonyms"])]:
                _add(conditions, phrase, concept)
                names.setdefault(phrase.lower(), concept)
    interventions = PhraseIndex()
    for row in read_table("interventions.tsv", ("name", "kind", "synonyms")):
        label = EntityLabel.DRUG if row["kind"] == "drug" else EntityLabel.THERAPY
        concept = Concept(row["name"], label)
        _add(interventions, row["name"], concept)
        for synonym in split_list(row["synonyms"]):
            _add(interventions, synonym, concept)
    for row in read_table("substances_curated.tsv", ("name", "code", "synonyms")):
        concept = Concept(row["name"], EntityLabel.DRUG, row["code"] or None)
        for phrase in [row["name"], *split_list(row["synonyms"])]:
            _add(interventions, phrase, concept)
    for row in read_table("mesh.tsv", ("name", "code", "kind")):
        name = row["name"] if row["name"].isupper() else row["name"].lower()
        if row["kind"] in SUBSTANCE_KINDS and names_a_substance(row["name"]):
            _add(interventions, row["name"], Concept(name, EntityLabel.DRUG, row["code"]))
        elif row["kind"] == "disease" and names_one_disease(row["name"]) and row["name"].lower() not in CONDITION_HEAD:
            phrase = uninverted(row["name"])
            concept = Concept(phrase if phrase.isupper() else phrase.lower(), EntityLabel.CONDITION, row["code"])
            _add(conditions, phrase, concept)
            names.setdefault(phrase.lower(), concept)
        elif (row["kind"] == "descriptor" and names_a_condition(row["name"])
              and row["name"].lower() not in NOT_CONDITIONS and row["name"].lower() not in CONDITION_HEAD):
            concept = Concept(name, EntityLabel.CONDITION, row["code"])
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
                if derived not in names and derived not in NOT_CONDITIONS:
                    found.setdefault(derived, concept)
                break
    return found


def _add(index: PhraseIndex, phrase: str, concept: Concept) -> None:
    is_abbreviation = phrase.isupper() and len(phrase) <= 6
    index.add(phrase, Concept(concept.name, concept.label, concept.code, phrase if is_abbreviation else None))


def _stem_test(stems: dict[str, str]) -> Callable[[str], bool]:
    """Whether a lower-case word ends in one of ``stems``, answered once per word: the words of
    abstracts repeat, and a test costs a slice and a look-up per stem length."""
    lengths = tuple(sorted({len(stem) for stem in stems}))

    @lru_cache(maxsize=200_000)
    def ends_in_stem(word: str) -> bool:
        return any(word[-n:] in stems for n in lengths)
    return ends_in_stem


NOT_CONDITIONS = frozenset(word_list("not conditions"))
