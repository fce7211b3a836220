"""Trial and review registrations (REGISTRIES.md): tolerant matching, canonical IDs and IRIs."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..records import DataBankEntry, Registration

WHO = "https://trialsearch.who.int/Trial2.aspx?TrialID={}"
_SEP = r"[\s:\-–#]*"  # what real text puts inside IDs: "NCT 01234567", "ISRCTN: 12345678"


@dataclass(frozen=True, slots=True)
class RegistryRule:
    registry: str
    pattern: re.Pattern[str]
    canonical: Callable[[re.Match[str]], str]
    iri: str  # format string with {} for the canonical ID



RULES: tuple[RegistryRule, ...] = (
    RegistryRule("ClinicalTrials.gov", re.compile(rf"\bNCT{_SEP}(\d{{8}})\b", re.IGNORECASE), lambda m: f"NCT{m.group(1)}",
                 "https://clinicaltrials.gov/study/{}"),
    RegistryRule("ISRCTN", re.compile(rf"\bISRCTN{_SEP}(\d{{8}})\b", re.IGNORECASE), lambda m: f"ISRCTN{m.group(1)}",
                 "https://www.isrctn.com/{}"),
    RegistryRule("CTIS", re.compile(r"(?<![\d-])(\d{4})-(5\d{5})-(\d{2})-(\d{2})(?![\d-])"),
                 lambda m: f"{m.group(1)}-{m.group(2)}-{m.group(3)}-{m.group(4)}",
                 "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={}"),
    RegistryRule("EudraCT", re.compile(
        r"(?:EudraCT|EUCTR|EU\s+Clinical\s+Trials?\s+Register|EU\s+CTR)[^0-9]{0,25}?(\d{4})\s*-\s*(\d{6})\s*-\s*(\d{2})(?:-[A-Z]{2})?(?![\d-])",
        re.IGNORECASE), lambda m: f"{m.group(1)}-{m.group(2)}-{m.group(3)}",
        "https://www.clinicaltrialsregister.eu/ctr-search/search?query={}"),
    RegistryRule("DRKS", re.compile(rf"\bDRKS{_SEP}(\d{{8}})\b", re.IGNORECASE), lambda m: f"DRKS{m.group(1)}",
                 "https://drks.de/search/en/trial/{}"),
    RegistryRule("ChiCTR", re.compile(r"\bChiCTR[\s:-]*(?:(\d{10})|([A-Z]{2,5})-(\d{8}))\b", re.IGNORECASE),
                 lambda m: f"ChiCTR{m.group(1)}" if m.group(1) else f"ChiCTR-{m.group(2).upper()}-{m.group(3)}", WHO),
    RegistryRule("ANZCTR", re.compile(rf"\bACTRN{_SEP}(\d{{14}})\b", re.IGNORECASE), lambda m: f"ACTRN{m.group(1)}",
                 "https://anzctr.org.au/{}.aspx"),
    RegistryRule("CTRI", re.compile(r"\bCTRI\s*/\s*(\d{4})\s*/\s*(\d{2,3})\s*/\s*(\d{6})\b", re.IGNORECASE),
                 lambda m: f"CTRI/{m.group(1)}/{m.group(2)}/{m.group(3)}", WHO),
    RegistryRule("UMIN-CTR", re.compile(rf"\bUMIN(?:-CTR)?{_SEP}(\d{{9}})\b", re.IGNORECASE), lambda m: f"UMIN{m.group(1)}", WHO),
    RegistryRule("jRCT", re.compile(r"\bjRCT[\s:-]*([a-z]?)[\s:-]*(\d{9,10})\b", re.IGNORECASE), lambda m: f"jRCT{m.group(1).lower()}{m.group(2)}",
                 "https://jrct.niph.go.jp/en-latest-detail/{}"),
    RegistryRule("JapicCTI", re.compile(r"\bJapicCTI[\s:-]*(\d{6})\b", re.IGNORECASE), lambda m: f"JapicCTI-{m.group(1)}", WHO),
    RegistryRule("JMACCT", re.compile(r"\bJMA[\s-]*IIA[\s:-]*(\d{5})\b", re.IGNORECASE), lambda m: f"JMA-IIA{m.group(1)}", WHO),
    RegistryRule("CRiS", re.compile(rf"\bKCT{_SEP}(\d{{7}})\b", re.IGNORECASE), lambda m: f"KCT{m.group(1)}", WHO),
    RegistryRule("IRCT", re.compile(r"\bIRCT[\s:-]*(\d+N\d+)\b", re.IGNORECASE), lambda m: f"IRCT{m.group(1).upper()}", WHO),
    RegistryRule("PACTR", re.compile(rf"\bPACTR{_SEP}(\d{{15,16}})\b", re.IGNORECASE), lambda m: f"PACTR{m.group(1)}", WHO),
    RegistryRule("NTR", re.compile(r"\b(NL-OMON\d+|NTR\d{2,4}|NL\d{4,5})\b"), lambda m: m.group(1), WHO),
    RegistryRule("ReBEC", re.compile(r"\bRBR[\s-]+([0-9a-z]{6,8})\b"), lambda m: f"RBR-{m.group(1)}",
                 "https://ensaiosclinicos.gov.br/rg/{}"),
    RegistryRule("TCTR", re.compile(rf"\bTCTR{_SEP}(\d{{11}})\b", re.IGNORECASE), lambda m: f"TCTR{m.group(1)}",
                 "https://www.thaiclinicaltrials.org/show/{}"),
    RegistryRule("SLCTR", re.compile(r"\bSLCTR\s*/\s*(\d{4})\s*/\s*(\d{3})\b", re.IGNORECASE), lambda m: f"SLCTR/{m.group(1)}/{m.group(2)}", WHO),
    RegistryRule("RPCEC", re.compile(rf"\bRPCEC{_SEP}(\d{{8}})\b", re.IGNORECASE), lambda m: f"RPCEC{m.group(1)}",
                 "https://rpcec.sld.cu/en/trials/{}"),
    RegistryRule("REPEC", re.compile(r"\bPER-(\d{3})-(\d{2})\b"), lambda m: f"PER-{m.group(1)}-{m.group(2)}", WHO),
    RegistryRule("LBCTR", re.compile(rf"\bLBCTR{_SEP}(\d{{10}})\b", re.IGNORECASE), lambda m: f"LBCTR{m.group(1)}", WHO),
    RegistryRule("PROSPERO", re.compile(rf"\bCRD{_SEP}(\d{{11}})\b", re.IGNORECASE), lambda m: f"CRD{m.group(1)}",
                 "https://www.crd.york.ac.uk/prospero/display_record.php?ID={}"),
)


# Lower-case strings every match of a rule contains: a rule whose strings are all absent from the
# text cannot match, and checking a string is far cheaper than scanning with the rule's pattern.
_MUST_CONTAIN = {
    "ClinicalTrials.gov": ("nct",), "ISRCTN": ("isrctn",), "CTIS": ("-5",), "EudraCT": ("eudract", "euctr", "eu"),
    "DRKS": ("drks",), "ChiCTR": ("chictr",), "ANZCTR": ("actrn",), "CTRI": ("ctri",), "UMIN-CTR": ("umin",),
    "jRCT": ("jrct",), "JapicCTI": ("japiccti",), "JMACCT": ("jma",), "CRiS": ("kct",), "IRCT": ("irct",),
    "PACTR": ("pactr",), "NTR": ("ntr", "nl"), "ReBEC": ("rbr",), "TCTR": ("tctr",), "SLCTR": ("slctr",),
    "RPCEC": ("rpcec",), "REPEC": ("per-",), "LBCTR": ("lbctr",), "PROSPERO": ("crd",),
}
# the letters registry IDs begin with ("NCT", "KCT", "NTR"): a code written with them is a registration,
# or a mistyped one, never a compound's development code
REGISTRY_PREFIXES = frozenset(word.upper() for words in _MUST_CONTAIN.values() for word in words if word.isalpha())


def find_registrations(text: str) -> list[Registration]:
    """Every registration ID in ``text``, canonicalised; one record per occurrence."""
    found: dict[tuple[int, int], Registration] = {}
    taken: list[tuple[int, int]] = []  # the spans found, sorted (they never overlap): a look-up, not a scan
    lowered = text.lower()
    for rule in RULES:
        if not any(part in lowered for part in _MUST_CONTAIN.get(rule.registry, ("",))):
            continue
        for match in rule.pattern.finditer(text):
            start = _id_start(match)
            before = bisect.bisect_right(taken, (start, len(text) + 1)) - 1
            if before >= 0 and taken[before][0] <= start < taken[before][1]:
                continue  # CTIS wins over EudraCT on the same characters
            bisect.insort(taken, (start, match.end()))
            identifier = rule.canonical(match)
            found[(start, match.end())] = Registration(
                start=start, end=match.end(), text=text[start:match.end()], identifier=identifier,
                registry=rule.registry, iri=rule.iri.format(identifier),
            )
    return sorted(found.values(), key=lambda r: r.start)


def _id_start(match: re.Match[str]) -> int:
    """Where the ID itself starts: after a keyword like "EudraCT number" that the pattern needs."""
    whole = match.group(0)
    first_group = next((i for i in range(1, (match.re.groups or 0) + 1) if match.group(i) is not None), None)
    if whole[:4].isdigit() or first_group is None or not whole.lower().startswith(("eudract", "euctr", "eu ")):
        return match.start()
    return match.start(first_group)


def registrations_from_databanks(entries: tuple[DataBankEntry, ...], known: set[str]) -> list[Registration]:
    """Registrations a record lists in its DataBankList that the text does not already name.
    Accessions of non-registry banks (GenBank, GEO, ...) are not registrations and are skipped."""
    found: list[Registration] = []
    for entry in entries:
        for registration in find_registrations(f"{entry.bank} {entry.accession}"):
            if registration.identifier not in known:
                known.add(registration.identifier)
                found.append(replace(registration, start=None, end=None, text=entry.accession, metadata=entry.source_field or "DataBankList",
                                     rule="registrations: DataBankList field"))
    return found
