"""Benchmark: SPARQL latency on the graph of the MEDLINE file, Oxigraph (litkg's store) vs rdflib.

Usage: python benchmarks/query_latency.py [--store PATH] [--records 30000] [--rdflib-records 3000] [--repeat 5]

Builds a litkg store from the first N records of the real MEDLINE file (or uses --store), runs the
example questions shipped in ontology/queries/ plus three typical look-ups against it (median of
--repeat runs, on disk, through litkg's Store), then loads the graph of the first M records into
rdflib's in-memory Dataset and times the same queries there (a query slower than 5 s runs once;
rdflib takes minutes per query on the 10,000-record graph, so the default comparison uses 3,000). Writes the tables to docs/PERFORMANCE.md (section "Query latency").
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import DEFAULT, records_folder, write_section  # noqa: E402
from extractor.evaluation.report import current_commit  # noqa: E402

SECTION = "## Query latency"
NOTES = """What shapes these numbers: look-ups by a bound term (a PMID, a registration) answer in well under
a millisecond at any size. Oxigraph decodes the terms it compares for every ORDER BY comparison, so
sorting a whole large store is slow (every title of 30,000 records: ~3 s): the shipped examples pick
a page of studies or papers first (`LIMIT` in a subquery) and sort only that page. Descriptions
shared by many documents (names of concepts, endpoints, organisations, journals) live once in the
vocabulary graph; stated in every document graph, they made the union default graph repeat each
row once per document (results per study took 39 s, authors 11 s on this graph before the
change)."""
LOOKUPS = {
    "one PMID's record and its MeSH headings": """SELECT ?title ?heading WHERE { ?d fabio:hasPubMedId "{pmid}" ;
        schema:headline ?title ; litkg:meshHeading/schema:name ?heading }""",
    "documents per journal (top 20)": """SELECT ?journal (COUNT(?d) AS ?n) WHERE { ?d schema:isPartOf/schema:name ?journal }
        GROUP BY ?journal ORDER BY DESC(?n) LIMIT 20""",
    "percentages over 50, sorted, first 100": """SELECT ?r ?v WHERE { ?r schema:unitText "%" ; schema:value ?v FILTER(?v > 50) }
        ORDER BY DESC(?v) LIMIT 100""",
    "every title sorted, first 50 (whole-store ORDER BY)": """SELECT ?a ?title WHERE { ?a a schema:ScholarlyArticle ;
        schema:headline ?title } ORDER BY ?title LIMIT 50""",
    "every source's values for every study, sorted (tests/competency/sources_per_study.rq)":
        (ROOT / "tests" / "competency" / "sources_per_study.rq").read_text(encoding="utf-8"),
}


def queries() -> dict[str, str]:
    from extractor.serve import examples

    found = {example["title"]: example["query"] for example in examples()}
    found.update(LOOKUPS)
    return found


def build_store(records: int, tmp: Path) -> Path:
    folder = tmp / f"in-{records}"
    records_folder(DEFAULT, records, folder)
    store = tmp / f"store-{records}"
    subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--store", str(store), "-q"],
                   cwd=ROOT, check=False, capture_output=True)
    return store


def timed(answer, questions: dict[str, str], repeat: int, pmid: str) -> dict[str, tuple[float | None, object]]:
    """title -> (median seconds, rows) for each question answered by ``answer(query) -> rows``; a query
    slower than 5 s runs once; a query the engine cannot answer gets (None, "fails (Error)")."""
    timings = {}
    for title, query in questions.items():
        query = query.replace("{pmid}", pmid)
        runs, rows = [], 0
        try:
            for _ in range(repeat):
                started = time.perf_counter()
                rows = len(list(answer(query)))
                runs.append(time.perf_counter() - started)
                if runs[-1] > 5:
                    break  # one slow run says enough
        except Exception as exc:  # rdflib cannot answer some valid queries: say which
            timings[title] = (None, f"fails ({type(exc).__name__})")
            continue
        timings[title] = (statistics.median(runs), rows)
    return timings


def time_oxigraph(store_path: Path, questions: dict[str, str], repeat: int, pmid: str) -> dict:
    from extractor.store import Store

    return timed(Store(store_path, read_only=True).query, questions, repeat, pmid)


def time_rdflib(store_path: Path, questions: dict[str, str], repeat: int, pmid: str) -> tuple[dict, float, int]:
    import pyoxigraph as ox
    from rdflib import Dataset

    from extractor.graph.vocab import PREFIXES

    started = time.perf_counter()
    data = ox.serialize(ox.Store.read_only(str(store_path)), format=ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    load_seconds = time.perf_counter() - started
    header = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
    return timed(lambda query: dataset.query(header + query), questions, repeat, pmid), load_seconds, len(dataset)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None, help="an existing litkg store of the MEDLINE file")
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--rdflib-records", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    questions = queries()
    with tempfile.TemporaryDirectory() as tmp:
        big = args.store or build_store(args.records, Path(tmp))
        small = build_store(args.rdflib_records, Path(tmp))
        from extractor.store import Store

        pmid = next(iter(Store(small, read_only=True).query("SELECT ?p WHERE { ?d fabio:hasPubMedId ?p } LIMIT 1")))["p"].value
        big_triples = len(Store(big, read_only=True))
        oxigraph_big = time_oxigraph(big, questions, args.repeat, pmid)
        oxigraph_small = time_oxigraph(small, questions, args.repeat, pmid)
        rdflib_small, load_seconds, rdflib_triples = time_rdflib(small, questions, args.repeat, pmid)
    commit = current_commit(ROOT)
    lines = [SECTION, "", f"`python benchmarks/query_latency.py` — median of {args.repeat} runs per query, {date.today()}, "
             f"commit {commit}. Oxigraph: litkg's on-disk store through `litkg.Store` (union of the named graphs). "
             f"rdflib: the same quads in an in-memory `Dataset(default_union=True)`; loading its "
             f"{rdflib_triples:,} quads took {load_seconds:.0f} s.", "",
             f"| query | Oxigraph, {args.records:,} records ({big_triples:,} quads) | Oxigraph, {args.rdflib_records:,} records "
             f"| rdflib, {args.rdflib_records:,} records | rows ({args.rdflib_records:,}) |", "|---|---|---|---|---|"]
    for title in questions:
        lines.append(f"| {title} | {_ms(oxigraph_big[title][0])} | {_ms(oxigraph_small[title][0])} | "
                     f"{_ms(*rdflib_small[title])} | {oxigraph_small[title][1]:,} |")
    lines += ["", NOTES]
    write_section(SECTION, "\n".join(lines) + "\n")


def _ms(seconds: float | None, note: object = "") -> str:
    if seconds is None:
        return str(note)
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


if __name__ == "__main__":
    main()
