"""Extraction runs: which files, read as events, analysed locally or on Dask, stored by one writer."""

from .local import run_local
from .summary import FileFailure, RunSummary
from .walk import walk

__all__ = ["FileFailure", "RunSummary", "run_local", "walk"]
