"""Trained weights shipped with litkg: ``outcome_tagger/`` (scripts/train_outcome_tagger.py)."""
