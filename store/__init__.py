"""Persistence: the analysis cache, the corpus index and the annotation store (never imports the UI)."""
