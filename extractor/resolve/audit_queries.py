"""What the audit reads from the store, by SPARQL: the studies to audit, their registry record
versions and registered outcomes, the papers and stories about them, the outcomes and enrolment each
states, with the words (NIF mentions) they were read from."""

from __future__ import annotations

from ..graph.vocab import LITKG, NIF, SCHEMA
from ..store import Store

_P = f"PREFIX litkg: <{LITKG._NS}> PREFIX schema: <{SCHEMA}> PREFIX nif: <{NIF}> "


def _value(row, name: str) -> str | None:
    term = row[name]
    return term.value if term is not None else None


def studies_to_audit(store: Store) -> list[str]:
    """Studies with a registry record and at least one paper, news story or other text about them, in IRI order (one look-up
    when the store holds no registry record, as a store of MEDLINE records does not)."""
    if not store.query(_P + "ASK { GRAPH ?rec { ?rec a litkg:RegistryRecord } }"):
        return []
    rows = store.query(_P + """SELECT DISTINCT ?s WHERE {
        GRAPH ?rec { ?rec a litkg:RegistryRecord ; schema:about ?s }
        GRAPH ?d { ?d schema:about ?s . ?d a ?type FILTER NOT EXISTS { ?d a litkg:RegistryRecord } }
        VALUES ?type { schema:ScholarlyArticle schema:NewsArticle schema:CreativeWork }
    } ORDER BY ?s""")
    return [row["s"].value for row in rows]


def records_of(store: Store, study: str) -> list[dict]:
    rows = store.query(_P + f"""SELECT ?rec ?id ?version ?n ?type WHERE {{
        GRAPH ?rec {{ ?rec a litkg:RegistryRecord ; schema:about <{study}> ; litkg:registration ?r .
                     OPTIONAL {{ ?rec schema:dateModified ?version }}
                     OPTIONAL {{ ?rec litkg:enrollment ?n }} OPTIONAL {{ ?rec litkg:enrollmentType ?type }} }}
        ?r schema:identifier ?id }} ORDER BY ?version ?rec""")
    found: dict[str, dict] = {}
    for row in rows:
        found.setdefault(row["rec"].value, {
            "rec": row["rec"].value, "id": row["id"].value, "version": _value(row, "version"),
            "enrollment": int(row["n"].value) if row["n"] is not None else None, "enrollment_type": _value(row, "type")})
    return list(found.values())


def outcomes_of(store: Store, record: str) -> list[dict]:
    rows = store.query(_P + f"""SELECT ?o ?role ?name ?frame WHERE {{ GRAPH <{record}> {{
        <{record}> litkg:registeredOutcome ?o . ?o litkg:outcomeRole ?role ; schema:name ?name .
        OPTIONAL {{ ?o litkg:timeFrame ?frame }} }} }}""")
    return sorted(({"node": row["o"].value, "role": row["role"].value.rsplit("#", 1)[-1], "name": row["name"].value,
                    "frame": _value(row, "frame")} for row in rows), key=lambda o: (o["role"] != "PrimaryOutcome", o["node"]))


def documents_of(store: Store, study: str) -> list[dict]:
    rows = store.query(_P + f"""SELECT ?d ?type ?date WHERE {{
        GRAPH ?d {{ ?d schema:about <{study}> ; a ?type . OPTIONAL {{ ?d schema:datePublished ?date }}
                    FILTER NOT EXISTS {{ ?d a litkg:RegistryRecord }} }}
        VALUES ?type {{ schema:ScholarlyArticle schema:NewsArticle schema:CreativeWork }} }} ORDER BY ?d""")
    # a text of no known kind that reports the study (a saved abstract without headings) is read as a paper
    return [{"doc": row["d"].value, "paper": not row["type"].value.endswith("NewsArticle"), "date": _value(row, "date")}
            for row in rows]


def reported_outcomes(store: Store, document: str, study: str) -> list[dict]:
    """The outcomes a paper states of the study, each once per wording: primary or not, the words, the
    endpoint's name, and a time frame its results give."""
    rows = store.query(_P + f"""SELECT ?e ?name ?primary ?m ?words ?start (SAMPLE(?tf) AS ?frame) WHERE {{
        GRAPH <{document}> {{
            {{ <{study}> litkg:primaryEndpoint ?e BIND(true AS ?primary) }}
            UNION {{ <{study}> litkg:measuredEndpoint ?e BIND(false AS ?primary) }}
            ?e <http://www.w3.org/ns/prov#wasDerivedFrom> ?m .
            ?m nif:referenceContext <{document}> ; nif:anchorOf ?words ; nif:beginIndex ?start .
            OPTIONAL {{ <{study}> litkg:result ?r . ?r litkg:endpoint ?e ; litkg:timeFrame ?tf }} }}
        OPTIONAL {{ ?e schema:name ?name }}
    }} GROUP BY ?e ?name ?primary ?m ?words ?start ORDER BY ?start""")
    found: dict[str, dict] = {}
    for row in rows:  # one outcome per endpoint concept: primary if any mention makes it so, with all its wordings
        outcome = found.setdefault(row["e"].value, {
            "endpoint": row["e"].value, "name": _value(row, "name") or row["words"].value, "primary": False,
            "mention": row["m"].value, "words": row["words"].value, "wordings": [], "frame": None, "starts": []})
        if row["primary"].value == "true" and not outcome["primary"]:
            outcome["primary"] = True
        if row["start"] is not None and int(row["start"].value) not in outcome["starts"]:
            outcome["starts"].append(int(row["start"].value))
        if row["words"].value not in outcome["wordings"]:
            outcome["wordings"].append(row["words"].value)
        outcome["frame"] = outcome["frame"] or _value(row, "frame")
    return list(found.values())


def document_text(store: Store, document: str) -> str:
    rows = list(store.query(_P + f"SELECT ?t WHERE {{ GRAPH <{document}> {{ <{document}> litkg:text ?t }} }}"))
    return rows[0]["t"].value if rows else ""


def enrolment_of(store: Store, document: str, study: str) -> dict | None:
    rows = list(store.query(_P + f"""SELECT ?n ?m ?words WHERE {{ GRAPH <{document}> {{
        <{study}> litkg:enrollment ?n .
        OPTIONAL {{ <{study}> litkg:population ?p . ?p <http://www.w3.org/ns/prov#wasDerivedFrom> ?m .
                   ?m nif:anchorOf ?words }} }} }}
        ORDER BY DESC(CONTAINS(COALESCE(?words, ""), STR(?n))) DESC(STRLEN(COALESCE(?words, ""))) LIMIT 1"""))
    if not rows:
        return None
    return {"n": int(rows[0]["n"].value), "mention": _value(rows[0], "m"), "words": _value(rows[0], "words")}


def posted_results(store: Store, record: str, study: str) -> list[dict]:
    """The values a registry record posts for the study: endpoint concept, group, statistic, value, time frame."""
    rows = store.query(_P + f"""SELECT ?r ?e ?group ?stat ?v ?frame ?unit WHERE {{ GRAPH <{record}> {{
        <{study}> litkg:result ?r . ?r litkg:endpoint ?e ; litkg:armText ?group ; litkg:statistic ?stat ; schema:value ?v .
        OPTIONAL {{ ?r litkg:timeFrame ?frame }} OPTIONAL {{ ?r schema:unitText ?unit }} }} }}""")
    return [_result_row(row) for row in rows]


def paper_results(store: Store, document: str, study: str) -> list[dict]:
    """The values a paper or story states, with the words that state them."""
    rows = store.query(_P + f"""SELECT ?r ?e ?group ?stat ?v ?frame ?unit ?m WHERE {{ GRAPH <{document}> {{
        <{study}> litkg:result ?r . ?r litkg:endpoint ?e ; litkg:statistic ?stat ; schema:value ?v ;
            <http://www.w3.org/ns/prov#wasDerivedFrom> ?m .
        OPTIONAL {{ ?r litkg:armText ?group }} OPTIONAL {{ ?r litkg:timeFrame ?frame }} OPTIONAL {{ ?r schema:unitText ?unit }} }} }}""")
    return [{**_result_row(row), "mention": row["m"].value} for row in rows]


def _result_row(row) -> dict:
    return {"node": row["r"].value, "endpoint": row["e"].value, "group": _value(row, "group"),
            "statistic": row["stat"].value.rsplit("#", 1)[-1], "value": row["v"].value, "frame": _value(row, "frame"),
            "unit": _value(row, "unit")}


def story_results(store: Store, document: str, study: str) -> list[dict]:
    """A news story's values, with whether linking found the paper's value each restates (litkg:correspondsTo)."""
    rows = store.query(_P + f"""SELECT ?r ?e ?v ?unit ?m (COUNT(?c) AS ?restates) WHERE {{ GRAPH <{document}> {{
        <{study}> litkg:result ?r . ?r litkg:endpoint ?e ; schema:value ?v ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?m .
        ?m nif:anchorOf ?words .
        OPTIONAL {{ ?r schema:unitText ?unit }} OPTIONAL {{ ?r litkg:correspondsTo ?c }} }} }}
        GROUP BY ?r ?e ?v ?unit ?m""")
    return [{"node": row["r"].value, "endpoint": row["e"].value, "value": row["v"].value, "unit": _value(row, "unit"),
             "mention": row["m"].value, "restates": int(row["restates"].value) > 0} for row in rows]


def measured_by_papers(store: Store, study: str, papers: list[str]) -> set[str]:
    """The endpoint concepts the study's papers measure or give results for."""
    found: set[str] = set()
    for paper in papers:
        rows = store.query(_P + f"""SELECT DISTINCT ?e WHERE {{ GRAPH <{paper}> {{
            {{ <{study}> litkg:measuredEndpoint ?e }} UNION {{ <{study}> litkg:result/litkg:endpoint ?e }} }} }}""")
        found |= {row["e"].value for row in rows}
    return found
