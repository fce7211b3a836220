"""The keys by which documents are about one study or one work: how the store finds them.

The builder derives each document's keys as it writes the statements these patterns read
(:class:`builder.BuiltGraph.keys`); a test keeps the two equal on the corpus.
"""

from __future__ import annotations

from .vocab import FABIO, LITKG, SCHEMA

KEY_PATTERNS = {  # key kind -> the pattern by which a document ?d holds ?key
    "reg": f"GRAPH ?d {{ ?d <{SCHEMA.about}> ?s . ?s <{LITKG.registration}> ?r }} ?r <{SCHEMA.identifier}> ?key",
    "doi": f"GRAPH ?d {{ ?d a <{SCHEMA.ScholarlyArticle}> ; <{LITKG.doiKey}> ?key }}",  # lower-cased: DOIs ignore case
    "pmid": f"GRAPH ?d {{ ?d a <{SCHEMA.ScholarlyArticle}> ; <{FABIO.hasPubMedId}> ?key }}",
}


def registration_key(key: str) -> str | None:
    """The registration ID of a ``reg:`` key, else None."""
    return key[4:] if key.startswith("reg:") else None
