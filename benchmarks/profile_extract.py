"""Profile `litkg extract` in-process with pyinstrument: where the time of a MEDLINE run goes.

Usage: python benchmarks/profile_extract.py [path/to/pubmed20n0014.xml.gz] [--records 3000] [--html profile.html]

Extracts the first N records of the file into a temporary store (after one warm-up record, so
lexicon loading is not counted) and prints pyinstrument's call tree; needs `pip install pyinstrument`.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from medline_extract import DEFAULT, records_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--html", type=Path, default=None, help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    from pyinstrument import Profiler

    from extractor.readers import read_file
    from extractor.runs import run_local
    from extractor.store import Store
    from extractor.runs.work import Extractor, tune_garbage_collector

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        records_folder(args.path, args.records, folder)
        warm = next(itertools.islice(read_file(folder / "records.xml.gz", "warm-up"), 1))
        extractor = Extractor("https://w3id.org/litkg/id/")
        tune_garbage_collector()  # as litkg extract does
        extractor.run(warm)
        profiler = Profiler(interval=0.001)
        profiler.start()
        summary = run_local(folder, Store(Path(tmp) / "store"), extractor=extractor)
        profiler.stop()
    print(f"{summary.documents} records in {summary.seconds:.1f} s; stages: "
          + ", ".join(f"{k} {v:.1f} s" for k, v in summary.stages.items()))
    print(profiler.output_text(unicode=False, color=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
