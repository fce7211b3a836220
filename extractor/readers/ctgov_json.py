"""Registry records as JSON: ClinicalTrials.gov API v2 (one study, or a ``studies`` page as the search
endpoint returns it, each file of the bulk download), the classic API's ``FullStudiesResponse``
(CamelCase modules, superseded by API v2 but still circulating), and the ISRCTN, EU CTR and CTIS
records ctrdata stores (``ctrdata_records``). Each study is one registry record."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..errors import ParseError, UnsupportedFormat
from ..records import DataBankEntry, Document, DocumentKind
from ..registry_records import RegistryEntry
from .base import Source
from .ctgov_results import classic_results, v2_results
from .ctgov_study import classic_entry, v2_entry
from .ctrdata_records import ctrdata_documents
from .registry_values import registry_text, words_in_record

_HINT = re.compile(r'"(?:protocolSection|FullStudiesResponse|ProtocolSection|ctrname)"')
_JSON_START = re.compile(r'[{\[]\s*(?:"|\{|\[|\]|\}|$)')


class CtgovJsonReader:
    name = "ctgov-json"
    streams = False

    def sniff(self, text: str) -> float:
        """ClinicalTrials.gov JSON; any other JSON object too, so that it is refused with its reason
        rather than read as prose."""
        head = text.lstrip("\ufeff \t\r\n")
        if not head.startswith(("{", "[")):
            return 0.0
        return 1.0 if _HINT.search(head[:20000]) else 0.8 if _JSON_START.match(head) else 0.0

    def read(self, source: Source) -> Iterator[Document]:
        try:
            data = json.loads(source.text or "")
        except json.JSONDecodeError as exc:
            raise ParseError(f"malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        studies = list(_studies(data))
        if not studies and isinstance(data, dict) and data.get("ctrname"):
            yield from ctrdata_documents(source, data)
            return
        if not studies:
            raise UnsupportedFormat("JSON that holds no ClinicalTrials.gov study (no protocolSection): litkg reads "
                                    "registry records as ClinicalTrials.gov JSON or XML, articles as MEDLINE, JATS, HTML or text")
        more = data.get("nextPageToken") if isinstance(data, dict) else None
        note = (f"one page of a ClinicalTrials.gov search ({len(studies)} studies): the search has more pages "
                f"(nextPageToken {more!r}) that are not in this file") if more else None
        for index, (study, path, classic) in enumerate(studies):
            entry = classic_entry(study, path) if classic else v2_entry(study, path)
            if entry is None:
                raise ParseError(f"study {index + 1} of the file has no NCT number ({path}/identificationModule/nctId)")
            results = classic_results(study, path) if classic else v2_results(study, path)
            document = registry_document(source, self.name, replace(entry, results=results), _texts(study, classic),
                                         len(studies) > 1)
            yield replace(document, kind_note=note) if note else document


def _studies(data: Any) -> Iterator[tuple[dict, str, bool]]:
    """(study, its path in the file, classic API?) for each study the JSON holds."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, dict) and "protocolSection" in item:
                yield item, f"[{i}]", False
    elif isinstance(data, dict):
        if "protocolSection" in data:
            yield data, "", False
        elif isinstance(data.get("studies"), list):
            for i, item in enumerate(data["studies"]):
                if isinstance(item, dict) and "protocolSection" in item:
                    yield item, f"studies/{i}", False
        elif isinstance(data.get("FullStudiesResponse"), dict):
            for i, item in enumerate(data["FullStudiesResponse"].get("FullStudies") or []):
                if isinstance(item, dict) and isinstance(item.get("Study"), dict):
                    yield item["Study"], f"FullStudiesResponse/FullStudies/{i}/Study", True


def _texts(study: dict, classic: bool) -> tuple[str | None, str | None, str | None, str | None]:
    protocol = study.get("ProtocolSection" if classic else "protocolSection") or {}
    ident = protocol.get("IdentificationModule" if classic else "identificationModule") or {}
    described = protocol.get("DescriptionModule" if classic else "descriptionModule") or {}
    if classic:
        return ident.get("BriefTitle"), ident.get("OfficialTitle"), described.get("BriefSummary"), described.get("DetailedDescription")
    return ident.get("briefTitle"), ident.get("officialTitle"), described.get("briefSummary"), described.get("detailedDescription")


def registry_document(source: Source, reader: str, entry: RegistryEntry, texts: tuple, several: bool) -> Document:
    """The record as a document: its text (titles, summary, conditions, arms, outcomes), its
    registration as a structured databank link, and the registry facts themselves."""
    title, official, summary, description = texts
    text, sections = registry_text(entry, title, official, summary, description)
    links = [DataBankEntry(entry.registry, entry.identifier, entry.field_of("identifier"))]
    links += [DataBankEntry("EudraCT", value, entry.field_of("secondary ids"))
              for value, kind in entry.secondary_ids if re.fullmatch(r"\d{4}-\d{6}-\d{2}", value)]
    return source.document(
        reader, DocumentKind.REGISTRY, text,
        record_key=f"reg:{entry.identifier}" if several else None,
        sections=sections,
        title=" ".join(title.split()) if title else entry.identifier,
        date=entry.first_posted,
        date_modified=entry.version,
        databanks=tuple(links),
        registry=entry,
        words_in_source=words_in_record(entry, title, official if official != title else None, summary, description),
    )
