"""Counts in words, shared by every layer (the store's messages, the CLI, the app)."""

from __future__ import annotations


def plural(n: int, noun: str) -> str:
    """``1 quote``, ``2,140 quotes``, ``0 articles`` (regular English plurals only)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


__all__ = ["plural"]
