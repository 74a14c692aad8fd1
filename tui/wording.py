"""Small wording helpers shared by the app and the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.wording import plural  # one plural for every layer (the store's messages too)

if TYPE_CHECKING:
    from corpus.readers import LoadReport


# Entity labels as the app names them everywhere (spaCy's ORG is "Organisations").
LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Places (countries, cities)",
    "NORP": "Groups",
    "LOC": "Locations",
    "EVENT": "Events",
    "PRODUCT": "Products",
    "FAC": "Facilities",
    "LAW": "Laws",
    "WORK_OF_ART": "Works",
    "DATE": "Dates",
    "CARDINAL": "Numbers",
    "MONEY": "Money",
    "PERCENT": "Percentages",
    "ORDINAL": "Ordinals",
    "QUANTITY": "Quantities",
    "TIME": "Times",
    "LANGUAGE": "Languages",
}
LABEL_SINGULAR = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Place",
    "NORP": "Group",
    "LOC": "Location",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "FAC": "Facility",
    "LAW": "Law",
    "WORK_OF_ART": "Work",
    "LANGUAGE": "Language",
}


def label_name(label: str) -> str:
    """One entity of ``label``, in words: ``ORG`` → ``Organisation``."""
    return LABEL_SINGULAR.get(label, label.replace("_", " ").title())


def load_problems(report: LoadReport, shown: int = 3) -> str:
    """The corpus load report for a notification: the counts, then which files (and lines)
    were skipped or warned about, the skipped first, the first ``shown`` of them."""
    problems = sorted(report.problems, key=lambda p: not p.skipped)
    lines = [report.summary()]
    lines += [("skipped " if p.skipped else "") + str(p) for p in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"and {plural(len(problems) - shown, 'more problem')} (quotelens ingest CORPUS lists them)")
    return "\n".join(lines)
