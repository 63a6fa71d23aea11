"""Scottish STV: the Scottish Local Government Elections Order 2007, Schedule 1, rules 45–52.

In plain words:

- Rule 45–46: count first preferences; the quota is ⌊valid papers / (seats + 1)⌋ + 1.
- Rule 47: a candidate whose votes equal or exceed the quota at any stage is elected.
- Rule 48: a surplus is transferred by passing *all* the elected candidate's papers to
  their next available preference, each at a transfer value ``A / B`` where A is the
  surplus times the paper's value when received and B is the candidate's total votes,
  "the calculation being made to five decimal places (any remainder being ignored)".
  So each paper's value is truncated to 5 decimals and each candidate is credited with
  the sum of the truncated values. What the truncation loses is not credited to anyone.
- Rule 49: the largest surplus goes first, one surplus per stage. Equal surpluses: the
  candidate who had the most votes at the most recent preceding stage at which they
  had unequal votes goes first; equal at all stages: by lot.
- Rule 50: when no surplus is waiting, the candidate with the fewest votes is excluded
  and their papers pass on at the value they arrived with.
- Rule 51: equal lowest: the one with fewest votes at the most recent preceding stage
  at which they had unequal votes; equal at all stages: by lot.
- Rule 52: when the continuing candidates are no more than the vacancies, they are all
  elected and no further transfer is made.

A surplus of exactly zero is not transferred (rule 48 applies only when votes *exceed*
the quota). Lots are drawn by :func:`moot.core.ties.break_tie` from the recorded seed.
Values are held as integers of 1/100000 of a vote; each paper's new value is
``⌊value × surplus / total⌋`` in those units, which is rule 48(3) exactly.
"""

from __future__ import annotations

from moot.core.ballots import Profile
from moot.core.results import ElectionResult
from moot.core.stv.common import Ballots, Number, prepare, require_whole_papers
from moot.core.stv.fixed import mul_div_down, scale_for, to_fraction
from moot.core.stv.gregory import Arithmetic, GregoryCount

PLACES = 5
SCALE = scale_for(PLACES)


def _truncated_value(value: Number, surplus: Number, total: Number) -> Number:
    return mul_div_down(int(value), int(surplus), int(total))


def _to_votes(units: Number) -> Number:
    return to_fraction(int(units), SCALE)


SCOTTISH = Arithmetic(unit=SCALE, transfer_value=_truncated_value, to_votes=_to_votes)


def tally_stv_scottish(profile: Profile, seats: int, *, seed: str = "moot") -> ElectionResult:
    """Elect ``seats`` candidates by Scottish STV (SSI 2007/42, Sched. 1 rules 45–52)."""
    ballots = prepare(profile, seats)
    papers = require_whole_papers(ballots, "Scottish STV")
    whole = Ballots(ballots.rankings, papers, ballots.standing)
    return GregoryCount(
        whole, seats, SCOTTISH, "stv-scottish", "Scottish STV", profile.candidates, seed
    ).run()
