"""Parallel and distributed extraction give the same graph as one process; stopped runs finish later."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, SHARED, litkg

from extractor.evaluation.medline_slice import first_records  # one MEDLINE slicer for tests and benchmarks
from extractor.runs import dask as distributed
from extractor.runs import run_local, walk
from extractor.store import JOURNAL, Store

MEDLINE = SHARED / "data" / "medline" / "pubmed20n0014.xml.gz"
RECORDS = 120


def medline_slice(target: Path, records: int = RECORDS) -> Path:
    """The first ``records`` records of the real MEDLINE file, as a .xml.gz of their own."""
    path = target / "medline-slice.xml.gz"
    first_records(MEDLINE, records, path)
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(CORPUS, folder, dirs_exist_ok=True)  # with its .litkgignore
    medline_slice(folder)
    return folder


def _quads(store_path: Path) -> set[str]:
    store = ox.Store.read_only(str(store_path))
    return {str(q) for q in store}


@pytest.fixture(scope="module")
def single(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The store one process makes, and how many documents it read."""
    path = tmp_path_factory.mktemp("single") / "store"
    done = litkg("extract", str(inputs), "--store", str(path), "--quiet")
    assert done.returncode == 0, done.stderr
    documents = int(re.search(r"(\d+) documents read", done.stdout).group(1))
    assert documents > RECORDS
    return path, documents


def test_workers_give_the_same_graph_as_one_process(inputs: Path, single: tuple[Path, int], tmp_path: Path):
    report = tmp_path / "run.json"
    done = litkg("extract", str(inputs), "--store", str(tmp_path / "store"), "--quiet", "--workers", "2",
                 "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert f"{single[1]} documents read" in done.stdout
    assert _quads(tmp_path / "store") == _quads(single[0])
    assert '"waiting for workers"' in report.read_text(encoding="utf-8")


def test_workers_run_the_outcome_tagger_when_asked(inputs: Path, single: tuple[Path, int], tmp_path: Path):
    stores = {}
    for workers in ("1", "2"):
        stores[workers] = tmp_path / f"store{workers}"
        done = litkg("extract", str(inputs), "--store", str(stores[workers]), "--quiet", "--workers", workers,
                     "--outcome-tagger")
        assert done.returncode == 0, done.stderr
    tagged = _quads(stores["2"])
    assert tagged == _quads(stores["1"])
    assert tagged != _quads(single[0]) and any("+outcome-tagger" in q for q in tagged)


def test_dask_local_cluster_gives_the_same_graph(inputs: Path, single: tuple[Path, int], tmp_path: Path, monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.setattr(distributed, "PARTITION_BYTES", 20_000)  # the MEDLINE slice becomes several partitions
    files = list(walk(inputs.resolve()))
    assert max(p.parts for p in distributed.partitions(files, slots=2 * len(files))) > 1
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as cluster:
        store = Store(tmp_path / "store")
        summary = distributed.run_dask(files, cluster.scheduler_address, store)
        del store
        assert summary.documents == single[1]
        assert _quads(tmp_path / "store") == _quads(single[0])

        shards = tmp_path / "shards"
        summary = distributed.run_dask(files, cluster.scheduler_address, None, shards_out=shards)
    assert summary.documents == single[1]
    manifest = (shards / "manifest.json").read_text(encoding="utf-8")
    loaded = tmp_path / "loaded"
    for shard in sorted(shards.glob("*.nq")):
        assert shard.name in manifest
    ox_store = ox.Store(str(loaded))
    for shard in sorted(shards.glob("*.nq")):
        ox_store.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    del ox_store
    done = litkg("link", "--store", str(loaded))  # news stories are resolved once everything is loaded
    assert done.returncode == 0, done.stderr
    assert _quads(loaded) == _quads(single[0])


def test_files_are_split_only_when_the_cluster_has_more_slots_than_files(tmp_path: Path):
    files = []
    for name in ("a.xml", "b.xml", "c.xml"):
        (tmp_path / name).write_bytes(b"x" * (distributed.PARTITION_BYTES * 10))
        files.append((tmp_path / name, name))
    assert [p.parts for p in distributed.partitions(files, slots=3)] == [1, 1, 1]  # each re-parse would cost reading
    assert {p.parts for p in distributed.partitions(files, slots=8)} == {3}  # ceil(8 / 3) per file fills the slots
    assert {p.parts for p in distributed.partitions(files, slots=1000)} == {10}  # never below PARTITION_BYTES each
    assert [(p.relative, p.part) for p in distributed.partitions(files[:1], slots=2)] == [("a.xml", 0), ("a.xml", 1)]


def test_a_dask_document_failure_is_reported_not_dropped(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Ibuprofen was given to 12 patients with migraine.\n", encoding="utf-8")
    (tmp_path / "in" / "bad.xml").write_bytes(b"<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><Medline")
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = distributed.run_dask(list(walk(tmp_path / "in")), cluster.scheduler_address, Store(tmp_path / "store"))
    assert summary.documents == 1
    assert [f.path for f in summary.failures] == ["bad.xml"]


def test_a_batch_left_half_written_is_dropped_and_its_file_read_again(inputs: Path, tmp_path: Path):
    """What a SIGKILL during a bulk load leaves (the journal still names the batch): the next open
    drops those graphs, and the file, never marked complete, is read again."""
    path = tmp_path / "store"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "000_58500c5031921e96.txt", folder)
    summary = run_local(folder, Store(path))
    assert summary.documents == 1
    store = Store(path)
    graph = store.named_graphs()[0]
    marker = next(g for g in store.named_graphs() if "/file/" in g)
    store.drop_graphs([marker])  # as if the kill came before the file's last batch
    (path / JOURNAL).write_text('{"graphs": ["%s"]}' % graph, encoding="utf-8")
    del store
    store = Store(path)
    assert store.recovered == 1 and not (path / JOURNAL).exists()
    assert graph not in store.named_graphs()
    summary = run_local(folder, store)
    assert summary.documents == 1 and summary.unchanged == 0
    assert graph in store.named_graphs()
    assert run_local(folder, store).unchanged == 1


def test_shares_of_a_file_hold_each_record_once(tmp_path: Path):
    """Worker processes read their own shares of a large file: together they give every record once,
    in blocks, and the DeleteCitation list once (with share 0); the MEDLINE reader skips the rest unread."""
    from extractor.readers import read_file
    from extractor.records import DeletedRecords, Share

    path = medline_slice(tmp_path, 300)
    everything = [d.record_key for d in read_file(path, "slice.xml.gz")]
    shares = [[d.record_key for d in read_file(path, "slice.xml.gz", share=Share(part, 3, block=16))] for part in range(3)]
    assert sorted(k for share in shares for k in share) == sorted(everything) and len(everything) == 300
    assert shares[1][:16] == everything[16:32] and shares[0][16:32] == everything[48:64]
    deleting = tmp_path / "update.xml"
    deleting.write_bytes(b'<?xml version="1.0"?><PubmedArticleSet><DeleteCitation><PMID Version="1">1</PMID>'
                         b"</DeleteCitation></PubmedArticleSet>")
    assert [type(i) for i in read_file(deleting, "u.xml", share=Share(0, 2))] == [DeletedRecords]
    assert list(read_file(deleting, "u.xml", share=Share(1, 2))) == []  # no text in this share: not an error here


@pytest.mark.parametrize("every_file", [True, False], ids=["every-file-shared", "shared-near-the-end"])
def test_workers_reading_shares_of_files_give_the_same_graph(inputs: Path, single: tuple[Path, int], tmp_path: Path,
                                                             monkeypatch, every_file: bool):
    from extractor.runs import processes

    monkeypatch.setattr(processes, "SHARE_BYTES", 1)  # every file is large enough to share
    if every_file:
        monkeypatch.setattr(processes, "shares_for", lambda workers, large_left: workers)
    summary = run_local(inputs, Store(tmp_path / "store"), workers=2)
    assert summary.documents == single[1] and not summary.failures
    assert summary.stages["waiting for workers"] > 0
    assert _quads(tmp_path / "store") == _quads(single[0])


def test_workers_apply_delete_citations_in_medline_order(tmp_path: Path, monkeypatch):
    """Files end out of order with workers, so DeleteCitation lists wait for the end of the run: the
    deleted records of earlier files go, those a later file adds again stay; as in one process."""
    from extractor.readers import read_file
    from extractor.runs import processes

    monkeypatch.setattr(processes, "SHARE_BYTES", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    base = medline_slice(folder, 40)
    pmids = [d.record_key.removeprefix("pmid:") for d in read_file(base, "x")][:2]
    delete = "".join(f'<PMID Version="1">{p}</PMID>' for p in pmids)
    (folder / "update1.xml").write_text(f'<?xml version="1.0"?><PubmedArticleSet><DeleteCitation>{delete}'
                                        "</DeleteCitation></PubmedArticleSet>", encoding="utf-8")
    (folder / "update2.xml.gz").write_bytes(base.read_bytes())  # every record again, after the deletion
    held = {}
    for workers in (1, 2):
        store = Store(tmp_path / f"store{workers}")
        summary = run_local(folder, store, workers=workers)
        assert any("DeleteCitation lists 2 PMIDs; 2 stored records removed" in note for note in summary.notes)
        rows = store.query("SELECT ?p (COUNT(?d) AS ?n) WHERE { ?d fabio:hasPubMedId ?p } GROUP BY ?p")
        held[workers] = {row["p"].value: int(row["n"].value) for row in rows}
        del store
    assert held[2] == held[1]
    assert all(held[1][p] == 1 for p in pmids) and sum(n == 2 for n in held[1].values()) == 38
    assert _quads(tmp_path / "store2") == _quads(tmp_path / "store1")


def test_a_large_file_is_read_whole_while_enough_large_files_remain():
    """Each share parses its whole file: splitting every file among 64 workers would parse each file 64 times."""
    from extractor.runs.processes import shares_for

    assert [shares_for(2, left) for left in (10, 4, 3, 2, 1)] == [1, 1, 2, 2, 2]
    assert [shares_for(64, left) for left in (1100, 128, 100, 64, 10, 1)] == [1, 1, 2, 2, 13, 64]
    assert shares_for(1, 1) == 1


def test_large_files_left_counts_from_each_position(tmp_path: Path, monkeypatch):
    from extractor.runs import processes

    monkeypatch.setattr(processes, "SHARE_BYTES", 10)
    files = []
    for name, size in (("a", 20), ("b", 5), ("c", 30), ("d", 50)):
        (tmp_path / name).write_bytes(b"x" * size)
        files.append((tmp_path / name, name))
    assert processes._large_files_left(files, max_bytes=40) == [2, 1, 1, 0]  # d is over the size limit: read whole


def test_dask_partitions_of_a_file_hold_each_record_once(tmp_path: Path):
    """A Dask partition reads its share only (the reader skips the others' records): together the
    partitions give every record once, the DeleteCitation list once."""
    path = medline_slice(tmp_path, 60)
    whole = distributed.extract_partition(distributed.Partition(str(path), "s.xml.gz", 0, 1), "https://w3id.org/litkg/id/",
                                          1 << 30, None)
    parts = [distributed.extract_partition(distributed.Partition(str(path), "s.xml.gz", part, 3), "https://w3id.org/litkg/id/",
                                           1 << 30, None) for part in range(3)]
    assert len(whole.outputs) == 60 and [len(p.outputs) for p in parts] == [20, 20, 20]
    assert sorted(o.graph for p in parts for o in p.outputs) == sorted(o.graph for o in whole.outputs)
    assert not any(p.failure for p in parts)


def test_a_dask_file_without_text_in_any_partition_is_reported(tmp_path: Path, monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.setattr(distributed, "PARTITION_BYTES", 100)  # the empty MEDLINE file is split too
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Ibuprofen was given to 12 patients with migraine.\n", encoding="utf-8")
    (tmp_path / "in" / "empty.xml").write_text('<?xml version="1.0"?><PubmedArticleSet>' + " " * 400 + "</PubmedArticleSet>",
                                               encoding="utf-8")
    files = list(walk(tmp_path / "in"))
    assert max(p.parts for p in distributed.partitions(files, slots=8)) > 1
    with LocalCluster(n_workers=1, threads_per_worker=8, processes=False, dashboard_address=None) as cluster:
        summary = distributed.run_dask(files, cluster.scheduler_address, Store(tmp_path / "store"))
    assert summary.documents == 1
    assert [(f.path, f.reason) for f in summary.failures] == [("empty.xml", "no document text found")]
