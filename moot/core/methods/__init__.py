"""Choice methods: every way moot counts a group's choice, by name.

``METHODS`` maps each method's name to its count function. Every function is called as
``count(ballots, seats, seed=...)`` and returns an ``ElectionResult`` with its rounds and
a summary a facilitator can read out. ``BALLOTS`` says which kind of ballots each takes:

- ``ranked``: a ``Profile`` (or a ``RankedArray`` for the non-STV methods);
- ``approval``: ``ApprovalBallots``; ``score``: ``ScoreBallots``; ``dots``: ``DotBallots``.

The STV methods live in ``moot.core.stv`` and are imported only when called, so the rest
of moot counts even where that package is absent; calling one then raises
``MethodUnavailable`` with a plain message.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from moot.core.ballots import Profile
from moot.core.methods.cardinal import (
    ApprovalBallots,
    DotBallots,
    ScoreBallots,
    approval_ballots,
    approvals_from_ranked,
    tally_approval,
    tally_dots,
    tally_score,
)
from moot.core.methods.condorcet import tally_ranked_pairs, tally_schulze
from moot.core.methods.irv import tally_irv
from moot.core.methods.positional import tally_borda, tally_plurality
from moot.core.methods.ranked_array import (
    RankedArray,
    group_array,
    pairwise_matrix,
    profile_from_array,
)
from moot.core.results import ElectionResult


class MethodUnavailable(RuntimeError):
    """A method's code is not installed in this copy of moot."""


def _stv(name: str) -> Callable[[Profile, int, str], ElectionResult]:
    """A count function that imports ``moot.core.stv.<name>`` when first called."""

    def count(profile: Profile, seats: int = 1, seed: str = "moot") -> ElectionResult:
        try:
            stv = importlib.import_module("moot.core.stv")
        except ImportError as error:
            raise MethodUnavailable(f"STV counting is not available here ({error}).") from error
        function: Any = getattr(stv, name, None)
        if function is None:
            raise MethodUnavailable(f"moot.core.stv has no {name}.")
        result: ElectionResult = function(profile, seats, seed=seed)
        return result

    count.__name__ = name
    return count


def _seeded(function: Callable[..., ElectionResult]) -> Callable[..., ElectionResult]:
    def count(ballots: Any, seats: int = 1, seed: str = "moot") -> ElectionResult:
        return function(ballots, seats, seed=seed)

    count.__name__ = function.__name__
    count.__doc__ = function.__doc__
    return count


METHODS: dict[str, Callable[..., ElectionResult]] = {
    "plurality": _seeded(tally_plurality),
    "approval": _seeded(tally_approval),
    "score": _seeded(tally_score),
    "dots": _seeded(tally_dots),
    "borda": _seeded(tally_borda),
    "irv": _seeded(tally_irv),
    "schulze": _seeded(tally_schulze),
    "ranked-pairs": _seeded(tally_ranked_pairs),
    "stv-scottish": _stv("tally_stv_scottish"),
    "stv-wigm": _stv("tally_stv_wigm"),
    "stv-meek": _stv("tally_stv_meek"),
}

BALLOTS: dict[str, str] = {
    "plurality": "ranked",
    "approval": "approval",
    "score": "score",
    "dots": "dots",
    "borda": "ranked",
    "irv": "ranked",
    "schulze": "ranked",
    "ranked-pairs": "ranked",
    "stv-scottish": "ranked",
    "stv-wigm": "ranked",
    "stv-meek": "ranked",
}

__all__ = [
    "BALLOTS",
    "METHODS",
    "ApprovalBallots",
    "DotBallots",
    "MethodUnavailable",
    "RankedArray",
    "ScoreBallots",
    "approval_ballots",
    "approvals_from_ranked",
    "group_array",
    "pairwise_matrix",
    "profile_from_array",
    "tally_approval",
    "tally_borda",
    "tally_dots",
    "tally_irv",
    "tally_plurality",
    "tally_ranked_pairs",
    "tally_schulze",
    "tally_score",
]
