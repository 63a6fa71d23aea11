"""Votes and tallies: a block carries its reason, counts are never negative."""

import pytest

from moot.core.rules import InvalidVote, Position, Tally, Vote


def test_a_block_without_a_reason_is_not_a_vote() -> None:
    with pytest.raises(InvalidVote, match="a block must give its reason"):
        Vote(Position.BLOCK)


def test_a_block_with_only_spaces_for_a_reason_is_not_a_vote() -> None:
    with pytest.raises(InvalidVote):
        Vote(Position.BLOCK, "   ")


def test_other_positions_need_no_reason() -> None:
    assert Vote(Position.STAND_ASIDE).reason is None


def test_a_tally_counts_each_position_and_keeps_block_reasons() -> None:
    votes = [
        Vote(Position.AGREE),
        Vote(Position.AGREE),
        Vote(Position.DISAGREE),
        Vote(Position.ABSTAIN),
        Vote(Position.STAND_ASIDE),
        Vote(Position.BLOCK, " breaks our safety agreement "),
    ]
    tally = Tally.from_votes(votes)
    assert (tally.agree, tally.disagree, tally.abstain, tally.stand_aside) == (2, 1, 1, 1)
    assert tally.block_reasons == ("breaks our safety agreement",)
    assert tally.blocks == 1
    assert tally.taking_part == 6
    assert [tally.count(p) for p in Position] == [2, 1, 1, 1, 1]


def test_a_tally_cannot_hold_a_negative_count() -> None:
    with pytest.raises(InvalidVote, match="negative"):
        Tally(agree=-1)


def test_a_tally_cannot_hold_a_block_without_a_reason() -> None:
    with pytest.raises(InvalidVote):
        Tally(block_reasons=("",))
