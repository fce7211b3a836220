"""Which MeSH names (``ontology/vocab/mesh.tsv``, from MEDLINE records) litkg matches in text, and as what.

A ChemicalList entry is a drug or chemical when its kind says it names substances and its name
is not a class ("Amino Acids", "Analgesics") or an everyday word; a heading is a condition when
MEDLINE indexers qualified it as a disease, or when it is shaped like a condition's name.
"""

from __future__ import annotations

import re

from ..vocabularies import word_list

# MEDLINE ChemicalList names that are classes, enzymes or everyday words rather than a substance named in text
_CLASS_WORDS = re.compile(r"(?:agents?|compounds|inhibitors|proteins?|receptors?|antibod(?:y|ies)|enzymes|hormones|factors|"
                          r"isotopes|biomarkers|system|ases?|antigens?|vaccines?|preparations|mixtures|drugs|products|"
                          r"substances|chemicals|ligands|peptides|toxins|metals|acids,|lipids|genes?)$", re.IGNORECASE)
_PLURAL_CLASS = re.compile(r"^(?:(?:fatty|amino|nucleic|bile)\s+)?(?:acids|salts|ions|elements|alcohols|carbohydrates|"
                           r"immunoglobulins|phosphates|sulfates|nitrates|amines|amides|esters|polymers|nucleotides|"
                           r"oligopeptides|polysaccharides|suspensions|emulsions|ointments|gels|tablets|capsules|solvents)$")
# ChemicalList kinds (scripts/build_mesh.py) whose names are substances a text names; enzymes are proteins
SUBSTANCE_KINDS = {"substance", "substance-class", "macromolecule"}
# a class named by what its members do ("Analgesics", "Anticonvulsants", "Carcinogens"), not by what they are
_ACTION_CLASS = re.compile(r"^(?:anti|contra)[a-z-]+s$|^[a-z]+(?:ics|ants|ives|ators|idotes|ogens|sons|ipients|olytes)$", re.IGNORECASE)
_STRUCTURE_CLASSES = frozenset(word_list("structure classes"))
_EVERYDAY = frozenset(word_list("everyday substance names"))
# dosage forms, and proteins texts measure in the body far more often than they give them
_NOT_GIVEN = frozenset(word_list("not given substances"))


_DISEASE_WORDS = re.compile(
    r"(?:itis|osis|emia|aemia|oma|omas|pathy|pathies|plasia|penia|algia|trophy|megaly|uria|rrhea|rrhoea|plegia|spasm|"
    r"cele|ectasis|sclerosis|disease|diseases|syndrome|disorders?|failure|infections?|injury|injuries|insufficiency|"
    r"deficiency|pain|ache|fever|sepsis|shock|arrest|hypertension|hypotension|arrhythmias?|fibrillation|flutter|"
    r"infarction|ischemia|stroke|edema|oedema|bleeding|hemorrhage|haemorrhage|thrombosis|embolism|stenosis|"
    r"obstruction|neoplasms?|cancer|carcinoma|tumou?rs?|leukemia|lymphoma|melanoma|seizures?|epilepsy|convulsions|"
    r"depression|anxiety|psychoses|schizophrenia|dementia|delirium|obesity|diabetes mellitus|asthma|toxicity|"
    r"poisoning|abnormalities|malformations?|lesions?|ulcers?|wounds?|fractures?|burns|hernia|dysfunction|"
    r"retardation|paralysis|palsy|nausea|vomiting|diarrhea|constipation|cough|dyspnea|fatigue|pruritus|rash|"
    r"hypoglycemia|hyperglycemia|hyperkalemia|hypokalemia|acidosis|alkalosis|jaundice|cirrhosis|anemia|anaemia|"
    r"neuropathy|myopathy|nephropathy|retinopathy|encephalopathy|cardiomyopathy|dermatitis|hepatitis|nephritis|"
    r"arthritis|pneumonia|tuberculosis|malaria|hiv infections|aids|measles|influenza|dyskinesia|tremor|ataxia|"
    r"vertigo|headache|migraine|insomnia|blindness|deafness|hearing loss|amnesia|autism|autistic disorder)$", re.IGNORECASE)


GENERIC_CONDITIONS = frozenset(word_list("generic conditions"))


def names_a_condition(name: str) -> bool:
    """A MeSH heading shaped like a condition's name ("Hepatitis", "Heart Failure"); not a generic one."""
    lower = name.lower()
    return ("," not in name and len(name) >= 4 and lower not in GENERIC_CONDITIONS and bool(_DISEASE_WORDS.search(name)))


# disease headings that name no particular condition in running text
_GENERAL_DISEASE_HEADINGS = frozenset(word_list("general disease headings"))


def names_one_disease(name: str) -> bool:
    """A MeSH disease heading that names one condition ("Status Epilepticus", "Carcinoma,
    Hepatocellular"); not a general heading ("Disease", "Postoperative Complications")."""
    lower = name.lower()
    return len(name) >= 4 and lower not in _GENERAL_DISEASE_HEADINGS and lower not in GENERIC_CONDITIONS


def uninverted(name: str) -> str:
    """MeSH's inverted heading as text writes it: "Leukemia, Myeloid, Acute" -> "Acute Myeloid Leukemia"."""
    parts = [part.strip() for part in name.split(",")]
    return " ".join([*reversed(parts[1:]), parts[0]]) if len(parts) > 1 else name


def names_a_substance(name: str) -> bool:
    """A MEDLINE substance name that names one substance in text; not a class written as a plural
    ("Amino Acids", "Phosphates"), a dosage form ("Tablets"), a protein measured in the body
    ("Prolactin", "Hemoglobins") nor an everyday word."""
    lower = name.lower()
    return ("," not in name and len(name) >= 4 and lower not in _EVERYDAY and lower not in _NOT_GIVEN
            and not _CLASS_WORDS.search(name)
            and (lower in _STRUCTURE_CLASSES or not _ACTION_CLASS.match(lower)))


def is_substance_class(concept: str) -> bool:
    """"amino acids", "phosphates", "salts": a class of substances a text may name, but not what a
    study gives its participants (kept as a mention, never as a study subject)."""
    return bool(_PLURAL_CLASS.search(concept.lower()))
