"""Scoring litkg's extractors against annotated development data (``litkg evaluate``)."""
