"""The speaking stack: who speaks next at an assembly.

People join the stack to speak and leave it when they wish. The facilitator calls the
next speaker in this order: first approved points of process, then approved direct
responses, clarifying questions and points of information, each group in the order
they joined; then everyone else. Under a plain stack everyone else speaks in the order
they joined. Under a progressive stack, those who have spoken fewest times in this
meeting go first, then those who have spoken fewest seconds, and ties keep the order
people joined. A request to jump the stack that the facilitator has not approved waits
in the stack like anyone else. A person holds at most one entry of each kind at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from types import MappingProxyType


class EntryKind(Enum):
    SPEAK = "speak"
    POINT_OF_PROCESS = "point_of_process"
    DIRECT_RESPONSE = "direct_response"
    CLARIFYING_QUESTION = "clarifying_question"
    POINT_OF_INFORMATION = "point_of_information"


JUMP_KINDS = frozenset(EntryKind) - {EntryKind.SPEAK}
NOBODY_HAS_SPOKEN: Mapping[int, int] = MappingProxyType({})


class StackError(ValueError):
    """A change to the stack that its rules do not allow; the message says why."""


@dataclass(frozen=True)
class StackEntry:
    person_id: int
    kind: EntryKind = EntryKind.SPEAK
    joined_seq: int = 0
    approved_jump: bool = False

    def __post_init__(self) -> None:
        if self.approved_jump and self.kind is EntryKind.SPEAK:
            raise StackError("only a point of process or a response can jump the stack")

    @property
    def is_request(self) -> bool:
        """True for a point or response that asks to jump the stack."""
        return self.kind in JUMP_KINDS


def priority(entry: StackEntry) -> int:
    """0 for an approved point of process, 1 for another approved jump, 2 for the rest."""
    if not entry.approved_jump:
        return 2
    return 0 if entry.kind is EntryKind.POINT_OF_PROCESS else 1


def order_stack(
    entries: Iterable[StackEntry],
    *,
    progressive: bool = False,
    spoken_seconds: Mapping[int, int] = NOBODY_HAS_SPOKEN,
    spoken_count: Mapping[int, int] = NOBODY_HAS_SPOKEN,
) -> list[StackEntry]:
    """The stack in the order the facilitator calls it."""

    def key(entry: StackEntry) -> tuple[int, int, int, int]:
        rank = priority(entry)
        if progressive and rank == 2:
            person = entry.person_id
            return (
                rank,
                spoken_count.get(person, 0),
                spoken_seconds.get(person, 0),
                entry.joined_seq,
            )
        return rank, 0, 0, entry.joined_seq

    return sorted(entries, key=key)


def next_speaker(
    entries: Iterable[StackEntry],
    *,
    progressive: bool = False,
    spoken_seconds: Mapping[int, int] = NOBODY_HAS_SPOKEN,
    spoken_count: Mapping[int, int] = NOBODY_HAS_SPOKEN,
) -> StackEntry | None:
    """The entry the facilitator calls next, or None when the stack is empty."""
    ordered = order_stack(
        entries,
        progressive=progressive,
        spoken_seconds=spoken_seconds,
        spoken_count=spoken_count,
    )
    return ordered[0] if ordered else None


def check_stack(entries: Iterable[StackEntry]) -> None:
    """Raise ``StackError`` if two entries share a place or a person holds a kind twice."""
    seen_seqs: set[int] = set()
    seen_holds: set[tuple[int, EntryKind]] = set()
    for entry in entries:
        if entry.joined_seq in seen_seqs:
            raise StackError(f"two entries share place {entry.joined_seq} in the stack")
        hold = (entry.person_id, entry.kind)
        if hold in seen_holds:
            raise StackError(_already_waiting(entry))
        seen_seqs.add(entry.joined_seq)
        seen_holds.add(hold)


def join_stack(
    entries: Iterable[StackEntry],
    person_id: int,
    kind: EntryKind = EntryKind.SPEAK,
    *,
    joined_seq: int | None = None,
) -> tuple[StackEntry, ...]:
    """The stack with ``person_id`` added; ``joined_seq`` defaults to after the last entry."""
    current = tuple(entries)
    if joined_seq is None:
        joined_seq = max((e.joined_seq for e in current), default=0) + 1
    added = (*current, StackEntry(person_id, kind, joined_seq))
    check_stack(added)
    return added


def leave_stack(
    entries: Iterable[StackEntry], person_id: int, kind: EntryKind | None = None
) -> tuple[StackEntry, ...]:
    """The stack without ``person_id``'s entries (of ``kind``, or all of them)."""
    current = tuple(entries)
    kept = tuple(e for e in current if not _held_by(e, person_id, kind))
    if len(kept) == len(current):
        raise StackError(f"person {person_id} is not waiting on the stack")
    return kept


def approve_jump(entries: Iterable[StackEntry], joined_seq: int) -> tuple[StackEntry, ...]:
    """The stack with the request at ``joined_seq`` put ahead of the queue."""
    current = tuple(entries)
    target = next((e for e in current if e.joined_seq == joined_seq), None)
    if target is None:
        raise StackError(f"no entry at place {joined_seq} in the stack")
    if not target.is_request:
        raise StackError("only a point of process or a response can jump the stack")
    return tuple(replace(e, approved_jump=True) if e is target else e for e in current)


def pending_requests(entries: Iterable[StackEntry]) -> list[StackEntry]:
    """Requests to jump the stack that the facilitator has not yet approved, oldest first."""
    waiting = (e for e in entries if e.is_request and not e.approved_jump)
    return sorted(waiting, key=lambda e: e.joined_seq)


def _held_by(entry: StackEntry, person_id: int, kind: EntryKind | None) -> bool:
    return entry.person_id == person_id and (kind is None or entry.kind is kind)


def _already_waiting(entry: StackEntry) -> str:
    what = entry.kind.value.replace("_", " ")
    if entry.kind is EntryKind.SPEAK:
        return f"person {entry.person_id} is already on the stack to speak"
    return f"person {entry.person_id} already has a {what} waiting"
