"""Multi-winner STV counts: Scottish STV, WIGM and Meek STV.

Each takes a :class:`moot.core.ballots.Profile` and a number of seats and returns an
:class:`moot.core.results.ElectionResult` whose rounds are the count's stages, each
with its totals, quota and events (elected, surplus, transfer, exhausted, excluded,
tie), and a plain summary. Ties broken by lot use the recorded ``seed``.
"""

from moot.core.stv.meek import tally_stv_meek
from moot.core.stv.scottish import tally_stv_scottish
from moot.core.stv.wigm import tally_stv_wigm

__all__ = ["tally_stv_meek", "tally_stv_scottish", "tally_stv_wigm"]
