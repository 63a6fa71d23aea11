"""The speaking stack: plain and progressive order, and points that jump the queue."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moot.core.stack import (
    EntryKind,
    StackEntry,
    StackError,
    approve_jump,
    check_stack,
    join_stack,
    leave_stack,
    next_speaker,
    order_stack,
    pending_requests,
)

SPEAK = EntryKind.SPEAK
PROCESS = EntryKind.POINT_OF_PROCESS
RESPONSE = EntryKind.DIRECT_RESPONSE
QUESTION = EntryKind.CLARIFYING_QUESTION


def people(entries: list[StackEntry]) -> list[int]:
    return [e.person_id for e in entries]


def speakers(*person_ids: int) -> tuple[StackEntry, ...]:
    stack: tuple[StackEntry, ...] = ()
    for person in person_ids:
        stack = join_stack(stack, person)
    return stack


def test_a_plain_stack_calls_people_in_the_order_they_joined() -> None:
    stack = speakers(7, 3, 9)
    assert people(order_stack(stack)) == [7, 3, 9]
    assert next_speaker(stack) == StackEntry(7, SPEAK, 1)


def test_an_empty_stack_has_no_next_speaker() -> None:
    assert next_speaker(()) is None


def test_an_approved_point_of_process_goes_ahead_of_everyone() -> None:
    stack = join_stack(speakers(1, 2), 3, PROCESS)
    stack = join_stack(stack, 4, RESPONSE)
    stack = approve_jump(approve_jump(stack, 4), 3)
    assert people(order_stack(stack)) == [3, 4, 1, 2]


def test_approved_responses_and_questions_go_ahead_in_the_order_they_were_raised() -> None:
    stack = join_stack(speakers(1), 2, QUESTION)
    stack = join_stack(stack, 3, RESPONSE)
    stack = approve_jump(approve_jump(stack, 3), 2)
    assert people(order_stack(stack)) == [2, 3, 1]


def test_a_request_not_yet_approved_waits_its_turn_and_is_shown_to_the_facilitator() -> None:
    stack = join_stack(speakers(1), 2, PROCESS)
    assert people(order_stack(stack)) == [1, 2]
    assert pending_requests(stack) == [StackEntry(2, PROCESS, 2)]
    assert pending_requests(approve_jump(stack, 2)) == []


def test_a_progressive_stack_calls_those_who_have_spoken_least_first() -> None:
    stack = speakers(1, 2, 3, 4)
    spoken = {1: 2, 2: 0, 3: 1}
    assert people(order_stack(stack, progressive=True, spoken_count=spoken)) == [2, 4, 3, 1]


def test_a_progressive_stack_breaks_equal_turns_by_seconds_spoken_then_by_joining() -> None:
    stack = speakers(1, 2, 3)
    turns = {1: 1, 2: 1, 3: 1}
    seconds = {1: 90, 2: 30, 3: 90}
    ordered = order_stack(stack, progressive=True, spoken_count=turns, spoken_seconds=seconds)
    assert people(ordered) == [2, 1, 3]


def test_a_progressive_stack_still_lets_approved_points_jump() -> None:
    stack = join_stack(speakers(1), 2, PROCESS)
    stack = approve_jump(stack, 2)
    assert people(order_stack(stack, progressive=True, spoken_count={2: 9})) == [2, 1]


def test_a_person_cannot_join_the_stack_to_speak_twice() -> None:
    with pytest.raises(StackError, match="person 1 is already on the stack to speak"):
        join_stack(speakers(1), 1)


def test_a_person_on_the_stack_can_still_raise_a_point_of_process() -> None:
    stack = join_stack(speakers(1), 1, PROCESS)
    assert len(stack) == 2
    with pytest.raises(StackError, match="already has a point of process waiting"):
        join_stack(stack, 1, PROCESS)


def test_two_entries_cannot_share_a_place() -> None:
    with pytest.raises(StackError, match="share place 1"):
        check_stack([StackEntry(1, SPEAK, 1), StackEntry(2, SPEAK, 1)])


def test_leaving_removes_only_the_named_kind_or_everything() -> None:
    stack = join_stack(speakers(1, 2), 1, QUESTION)
    assert people(list(leave_stack(stack, 1, QUESTION))) == [1, 2]
    assert people(list(leave_stack(stack, 1))) == [2]


def test_leaving_a_stack_one_is_not_on_is_refused() -> None:
    with pytest.raises(StackError, match="person 5 is not waiting"):
        leave_stack(speakers(1), 5)


def test_a_plain_speaker_cannot_be_put_ahead_of_the_queue() -> None:
    with pytest.raises(StackError, match="only a point of process or a response"):
        approve_jump(speakers(1, 2), 2)
    with pytest.raises(StackError, match="only a point of process or a response"):
        StackEntry(1, SPEAK, 1, approved_jump=True)


def test_approving_a_place_that_does_not_exist_is_refused() -> None:
    with pytest.raises(StackError, match="no entry at place 9"):
        approve_jump(speakers(1), 9)


@st.composite
def stacks(draw: st.DrawFn) -> list[StackEntry]:
    seqs = draw(st.lists(st.integers(0, 1000), unique=True, max_size=25))
    entries = []
    for seq in seqs:
        kind = draw(st.sampled_from(EntryKind))
        approved = kind is not SPEAK and draw(st.booleans())
        entries.append(StackEntry(draw(st.integers(1, 8)), kind, seq, approved))
    return entries


spoken = st.dictionaries(st.integers(1, 8), st.integers(0, 600), max_size=8)


@settings(max_examples=80, deadline=None)
@given(stacks(), st.booleans(), spoken, spoken)
def test_ordering_is_a_permutation_with_approved_jumps_first(
    entries: list[StackEntry], progressive: bool, seconds: dict[int, int], count: dict[int, int]
) -> None:
    ordered = order_stack(
        entries, progressive=progressive, spoken_seconds=seconds, spoken_count=count
    )
    assert sorted(ordered, key=lambda e: e.joined_seq) == sorted(
        entries, key=lambda e: e.joined_seq
    )
    jumps = [e.approved_jump for e in ordered]
    assert jumps == sorted(jumps, reverse=True)
    processes = [e.kind is PROCESS for e in ordered if e.approved_jump]
    assert processes == sorted(processes, reverse=True)


@settings(max_examples=80, deadline=None)
@given(stacks())
def test_a_plain_stack_keeps_joining_order_within_each_group(entries: list[StackEntry]) -> None:
    ordered = order_stack(entries)
    rest = [e.joined_seq for e in ordered if not e.approved_jump]
    assert rest == sorted(rest)
    jumped = [e.joined_seq for e in ordered if e.approved_jump and e.kind is not PROCESS]
    assert jumped == sorted(jumped)


@settings(max_examples=80, deadline=None)
@given(stacks(), spoken)
def test_a_progressive_stack_never_calls_someone_who_spoke_more_before_someone_who_spoke_less(
    entries: list[StackEntry], count: dict[int, int]
) -> None:
    ordered = order_stack(entries, progressive=True, spoken_count=count)
    turns = [count.get(e.person_id, 0) for e in ordered if not e.approved_jump]
    assert turns == sorted(turns)
