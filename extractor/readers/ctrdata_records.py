"""The documents of a ctrdata record (``ctrname`` ISRCTN, EUCTR or CTIS): each registry's module reads
its record into a :class:`RegistryEntry`; this one makes the registry document of it."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import ParseError, UnsupportedFormat
from ..records import DataBankEntry, Document, DocumentKind
from .base import Source
from .ctrdata import registry_of
from .ctrdata_ctis import ctis_entry
from .ctrdata_euctr import euctr_entry
from .ctrdata_isrctn import isrctn_entry
from .registry_values import registry_text, words_in_record

READERS = {"ISRCTN": ("isrctn-json", isrctn_entry, "isrctn"), "EUCTR": ("euctr-json", euctr_entry, "a2_eudract_number"),
           "CTIS": ("ctis-json", ctis_entry, "ctNumber")}


def ctrdata_documents(source: Source, record: dict) -> Iterator[Document]:
    registry = str(record.get("ctrname"))
    if registry not in READERS:
        raise UnsupportedFormat(f"a {registry} record as converted by ctrdata: litkg reads ctrdata's ISRCTN, EUCTR and "
                                "CTIS records and ClinicalTrials.gov records, not this registry's")
    reader, read, id_field = READERS[registry]
    found = read(record)
    if found is None:
        raise ParseError(f"a ctrdata {registry} record without its identifier ({id_field})")
    entry, (title, official, summary, description) = found
    text, sections = registry_text(entry, title, official, summary, description)
    links = [DataBankEntry(entry.registry, entry.identifier, entry.field_of("identifier"))]
    links += [DataBankEntry(name, value, entry.field_of("secondary ids"))
              for value, _ in entry.secondary_ids if (name := registry_of(value)) and value != entry.identifier]
    yield source.document(
        reader, DocumentKind.REGISTRY, text, sections=sections,
        title=" ".join(title.split()) if title else entry.identifier,
        date=entry.first_posted or entry.start_date, date_modified=entry.version,
        databanks=tuple(dict.fromkeys(links)), registry=entry,
        words_in_source=words_in_record(entry, title, official if official != title else None, summary, description),
    )
