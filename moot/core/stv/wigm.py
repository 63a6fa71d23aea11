"""WIGM: weighted inclusive Gregory STV with exact fractions.

The count runs stage by stage exactly like Scottish STV (see
:mod:`moot.core.stv.gregory`): Droop quota ⌊valid papers / (seats + 1)⌋ + 1, election at
the quota, largest surplus first with one surplus per stage, all of an elected
candidate's papers passed on, exclusion of the lowest, look-back then lot for ties, and
the last vacancies filled without further transfer.

The difference is the arithmetic. A paper's new value after a surplus transfer is
``value × surplus / total`` kept as an exact fraction: nothing is truncated, so no
vote is lost to rounding and the count does not depend on a number of decimal places.
Fractional ballot weights are accepted.
"""

from __future__ import annotations

from fractions import Fraction

from moot.core.ballots import Profile
from moot.core.results import ElectionResult
from moot.core.stv.common import Number, prepare
from moot.core.stv.gregory import Arithmetic, GregoryCount


def _exact_value(value: Number, surplus: Number, total: Number) -> Number:
    exact = Fraction(value) * surplus / total
    return int(exact) if exact.denominator == 1 else exact


def _same(value: Number) -> Number:
    return value


EXACT = Arithmetic(unit=1, transfer_value=_exact_value, to_votes=_same)


def tally_stv_wigm(profile: Profile, seats: int, *, seed: str = "moot") -> ElectionResult:
    """Elect ``seats`` candidates by weighted inclusive Gregory STV in exact fractions."""
    ballots = prepare(profile, seats)
    return GregoryCount(
        ballots, seats, EXACT, "stv-wigm", "WIGM STV", profile.candidates, seed
    ).run()
