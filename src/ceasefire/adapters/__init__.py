"""Adapters that read outside event datasets (ACLED, UCDP GED) into ceasefire events.

Each adapter keeps every row: a row becomes an event whether or not a mapping
rule links it to an obligation, and a row that cannot be read is reported with
its file and line. :func:`acled_columns` and :func:`ucdp_columns` read the same
rows, by the same reading, straight into the bulk path's store, with no event
object per row. Import from here; the modules behind it are private.
"""

from __future__ import annotations

from .acled import convert_acled, load_acled, load_deletions
from .convert import Conversion
from .rules import Match, Rule, RuleLink, RuleSet, load_rules
from .store import StoreConversion, acled_columns, ucdp_columns
from .ucdp import convert_ucdp, load_ucdp

__all__ = [
    "Conversion",
    "Match",
    "Rule",
    "RuleLink",
    "RuleSet",
    "StoreConversion",
    "acled_columns",
    "convert_acled",
    "convert_ucdp",
    "load_acled",
    "load_deletions",
    "load_rules",
    "load_ucdp",
    "ucdp_columns",
]
