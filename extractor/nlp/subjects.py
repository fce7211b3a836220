"""What the study gave or compared (``schema:studySubject``): the drugs and therapies named in its
title, its opening sentences and objective, and in sentences that allocate, give or compare them
("randomly assigned to X or placebo", "patients treated with X", "X vs Y"), never those named only in
the background, a quote, earlier work, as a measured analyte ("cholesterol levels") or as a class of
substances ("vitamins", "oils").
"""

from __future__ import annotations

import re
from typing import Sequence

from ..records import Document, EntityLabel, Mention
from .conditions import Span
from .guarded import guarded
from .result_statements import SectionOf
from .roles import NOT_FINDINGS

_STATED_IN = {"title", "objective"}
# a sentence that gives, allocates or compares treatments
_GIVEN = guarded(r"\b(?:randomi[sz]ed|randomly|assigned|allocated|received|receiving|given|giving|took|taking|treated|"
                 r"treatment\s+with|administered|injected|infused|compared|comparing|versus|vs\.?|or\s+(?:a\s+)?(?:placebo|sham)|"
                 r"placebo|arm|group\s+(?:received|was\s+given)|combined\s+with|plus|followed\s+by|placed\s+on|put\s+on|started\s+on|"
                 r"switched\s+to|supplement(?:ed|ation|s)|tested|consisting\s+of|(?:efficacy|safety|effects?)\s+of|evaluated|investigated)\b", re.I)
# what follows a measured analyte, not a treatment: "cholesterol levels", "glucose concentrations"
_ANALYTE_AFTER = re.compile(r"\s*(?:-\s*)?(?:levels?|concentrations?|values?|metabolism|measurements?|"
                            r"readings?|tolerance|clearance|excretion|balance|status|content|receptors?)\b", re.I)
_ANALYTE_BEFORE = re.compile(r"(?:\b(?:serum|plasma|blood|urinary|urine|fasting|total|ldl|hdl|circulating|tissue|good|bad)\s+|"
                             r"\blevels?\s+of\s+(?:\w+\s+)?|\bfound\s+in\s+(?:\w+\s+)?)$", re.I)  # "omega-3s (found in fish oils)"
# a procedure the participants were having anyway: "patients undergoing surgery", "before surgery"
_SETTING_BEFORE = re.compile(r"\b(?:undergoing|undergo|scheduled\s+(?:for|to\s+undergo))\s+(?:\w+\s+)?$", re.I)


def find_study_subjects(document: Document, section_of: SectionOf, mentions: Sequence[Mention],
                        spans: Sequence[Span], opening: Sequence[Span]) -> tuple[Mention, ...]:
    """The interventions the study gave or compared, in text order, one mention per concept; ``spans``
    are the text's sentences, ``opening`` its opening sentences."""
    text = document.text
    giving = [(s, e) for s, e in spans if section_of(s) not in NOT_FINDINGS and _GIVEN.search(text, s, e)]
    chosen: dict[str, Mention] = {}
    for mention in mentions:
        if (mention.label == EntityLabel.CONDITION or mention.negated or mention.hedged or mention.substance_class
                or section_of(mention.start) in NOT_FINDINGS or _is_class_noun(mention) or _is_analyte(text, mention)
                or (mention.label == EntityLabel.THERAPY and _SETTING_BEFORE.search(text[max(0, mention.start - 40):mention.start]))):
            continue
        stated = section_of(mention.start) in _STATED_IN or any(s <= mention.start < e for s, e in opening)
        if stated or any(s <= mention.start < e for s, e in giving):
            chosen.setdefault(mention.concept, mention)
    return tuple(sorted(chosen.values(), key=lambda m: m.start))


def _is_class_noun(mention: Mention) -> bool:
    """A lower-case plural word ("vitamins", "oils", "colloids") names a class, not what was given."""
    return any(" " not in word and word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))
               for word in (mention.text.lower() if mention.text[:1].isupper() and mention.text[1:].islower() else mention.text,
                            mention.concept))


def _is_analyte(text: str, mention: Mention) -> bool:
    return bool(_ANALYTE_AFTER.match(text, mention.end)) or bool(_ANALYTE_BEFORE.search(text[max(0, mention.start - 20):mention.start]))

