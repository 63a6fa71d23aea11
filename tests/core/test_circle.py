"""The circle: the talking piece goes round once, each person speaks or passes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moot.core.circle import Circle, CircleError, Turn


def go_round(circle: Circle) -> Circle:
    while (holder := circle.holder) is not None:
        circle = circle.speak_done(holder)
    return circle


def test_the_piece_starts_with_the_first_person_and_goes_round_in_order() -> None:
    circle = Circle.start([4, 2, 9])
    assert circle.holder == 4
    circle = circle.speak_done(4).pass_turn(2)
    assert circle.holder == 9
    circle = circle.speak_done(9)
    assert circle.is_complete
    assert circle.spoke == (4, 9)
    assert circle.passed == (2,)
    assert circle.turns == ((4, Turn.SPOKE), (2, Turn.PASSED), (9, Turn.SPOKE))


def test_only_the_holder_can_be_called() -> None:
    circle = Circle.start([1, 2, 3])
    with pytest.raises(CircleError, match=r"only the holder of the talking piece \(person 1\)"):
        circle.speak_done(2)
    circle.check_holder(1)


def test_nobody_speaks_after_the_round_has_gone_round() -> None:
    circle = go_round(Circle.start([1, 2]))
    with pytest.raises(CircleError, match="gone round"):
        circle.pass_turn(1)


def test_a_circle_needs_someone_and_nobody_twice() -> None:
    with pytest.raises(CircleError, match="at least one person"):
        Circle.start([])
    with pytest.raises(CircleError, match="only once"):
        Circle.start([1, 2, 1])


def test_a_person_arriving_mid_round_holds_the_piece_before_the_round_ends() -> None:
    circle = Circle.start([1, 2]).speak_done(1).join(3)
    assert circle.order == (1, 2, 3)
    assert go_round(circle).spoke == (1, 2, 3)


def test_a_person_who_leaves_is_skipped() -> None:
    circle = Circle.start([1, 2, 3]).leave(2).speak_done(1)
    assert circle.holder == 3
    circle = circle.speak_done(3)
    assert circle.is_complete
    assert circle.skipped == (2,)


def test_the_holder_leaving_passes_the_piece_on() -> None:
    circle = Circle.start([1, 2, 3]).leave(1)
    assert circle.holder == 2


def test_coming_back_before_the_piece_arrives_keeps_ones_seat() -> None:
    circle = Circle.start([1, 2, 3]).leave(3).speak_done(1).join(3)
    assert circle.order == (1, 2, 3)
    assert circle.holder == 2


def test_coming_back_after_the_piece_passed_moves_one_to_the_end() -> None:
    circle = Circle.start([1, 2, 3]).leave(1).speak_done(2).join(1)
    assert circle.order == (2, 3, 1)
    assert go_round(circle).spoke == (2, 3, 1)


def test_coming_back_after_ones_turn_gives_no_second_turn() -> None:
    circle = Circle.start([1, 2]).speak_done(1).leave(1).join(1)
    assert go_round(circle).spoke == (1, 2)


def test_a_person_arriving_after_the_round_ended_joins_the_next_round() -> None:
    circle = go_round(Circle.start([1, 2])).join(3)
    assert circle.is_complete
    assert circle.waiting == (3,)
    following = circle.next_round()
    assert (following.order, following.round, following.turns) == ((1, 2, 3), 2, ())


def test_the_next_round_leaves_out_those_who_left() -> None:
    circle = go_round(Circle.start([1, 2, 3]).leave(2))
    assert circle.next_round().order == (1, 3)


def test_the_next_round_waits_until_the_piece_has_gone_round() -> None:
    with pytest.raises(CircleError, match="not yet gone round"):
        Circle.start([1, 2]).next_round()


def test_joining_twice_or_leaving_when_absent_is_refused() -> None:
    circle = Circle.start([1, 2])
    with pytest.raises(CircleError, match="already in the circle"):
        circle.join(2)
    with pytest.raises(CircleError, match="not in the circle"):
        circle.leave(5)
    with pytest.raises(CircleError, match="not in the circle"):
        circle.leave(1).leave(1)


def test_when_everyone_has_left_nobody_is_left_for_the_next_round() -> None:
    circle = Circle.start([1]).leave(1)
    assert circle.is_complete
    with pytest.raises(CircleError, match="nobody is left"):
        circle.next_round()


moves = st.lists(
    st.tuples(st.sampled_from(["speak", "pass", "join", "leave"]), st.integers(1, 10)),
    max_size=40,
)


def apply(circle: Circle, move: str, person: int) -> Circle:
    holder = circle.holder
    if move == "speak" and holder is not None:
        return circle.speak_done(holder)
    if move == "pass" and holder is not None:
        return circle.pass_turn(holder)
    try:
        return circle.join(person) if move == "join" else circle.leave(person)
    except CircleError:
        return circle


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 10), min_size=1, max_size=10, unique=True), moves)
def test_every_present_person_holds_the_piece_exactly_once_per_round(
    start: list[int], history: list[tuple[str, int]]
) -> None:
    circle = Circle.start(start)
    for move, person in history:
        circle = apply(circle, move, person)
        holders = [p for p, _ in circle.turns]
        assert len(holders) == len(set(holders))
    circle = go_round(circle)
    holders = [p for p, _ in circle.turns]
    assert set(circle.present) <= set(holders)
    assert len(holders) == len(set(holders))
