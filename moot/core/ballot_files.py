"""Reading ranked ballots from files: BLT, PrefLib and CSV.

Formats (the reader picks one by the file's ending, or by its first line):

- **BLT** (``.blt``, as written by OpenSTV and Droop): line 1 ``ncand nseats``; an
  optional line of negative numbers naming withdrawn candidates; optional Droop option
  lines ``[nick a b …]`` (short names used on ballot lines), ``[tie a b …]`` (a
  tie-break order, kept in ``BallotFile.tie_order``) and ``[withdrawn a …]``; ballot
  lines ``weight c1 c2 … 0`` with 1-based candidates; a line ``0``; ``ncand`` quoted
  names; a quoted title. Lines starting with ``#`` are comments. The seats come from
  line 1.
- **PrefLib** (``.soc .soi .toc .toi``): ``# ALTERNATIVE NAME n: name`` headers, then
  ``count: a,b,{c,d}`` lines with 1-based candidates. PrefLib files carry no seats.
- **CSV** (``.csv``), either of two shapes, told apart by the cells:
  *rows* — one ballot per row, candidate names in order of preference, blank cells
  ignored; candidates are numbered in the order they first appear.
  *grid* — a header row of candidate names, then one ballot per row giving each
  candidate's rank number (1 = first) or a blank for unranked.

Score ballots come only as a CSV grid read by ``read_score_grid``: a header row of
candidate names, then one ballot per row with a whole-number score per candidate
(higher is better) or a blank.

Equal ranks (``b=c`` in BLT, ``{b,c}`` in PrefLib, equal numbers in a CSV grid) end a
ballot: it counts for the choices before the shared rank and is exhausted there, as an
overvote is under Burlington's IRV rules. A candidate named twice on one ballot keeps
the first (higher) place. Each such repair is reported in ``BallotFile.notes``.

A file that breaks these rules raises ``BallotFileError`` naming the line.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from moot.core.ballots import Profile, Ranking

Number = int | Fraction
PREFLIB_ENDINGS = (".soc", ".soi", ".toc", ".toi")


class BallotFileError(ValueError):
    """A ballot file that cannot be read; ``line`` is 1-based (0 = the file as a whole)."""

    def __init__(self, message: str, line: int = 0, source: str = "") -> None:
        self.message, self.line, self.source = message, line, source
        where = f"{source}:" if source else ""
        where += f"line {line}: " if line else " " if source else ""
        super().__init__(f"{where}{message}")


@dataclass(frozen=True)
class BallotFile:
    """What a ballot file holds: the ballots as a profile and what else it states."""

    profile: Profile
    format: str
    seats: int | None = None
    title: str = ""
    notes: tuple[str, ...] = ()
    tie_order: tuple[int, ...] = ()


@dataclass
class _Tally:
    """Ballots gathered while reading, grouped by ranking."""

    weights: dict[Ranking, Number] = field(default_factory=dict)
    cut: Number = 0
    repeated: Number = 0

    def add(self, tiers: list[list[int]], weight: Number) -> None:
        ranking: list[int] = []
        for tier in tiers:
            if len(set(tier) - set(ranking)) > 1:
                self.cut += weight
                break
            fresh = [c for c in tier if c not in ranking]
            self.repeated += weight if len(fresh) < len(tier) else 0
            ranking.extend(fresh)
        key = tuple(ranking)
        self.weights[key] = self.weights.get(key, 0) + weight

    def profile(self, names: list[str], withdrawn: frozenset[int] = frozenset()) -> Profile:
        keys = tuple(self.weights)
        return Profile(tuple(names), keys, tuple(self.weights[k] for k in keys), withdrawn)

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.cut:
            notes.append(
                f"{_say(self.cut)} ballot(s) had equal ranks; each counts only for the "
                "choices before its first shared rank."
            )
        if self.repeated:
            notes.append(
                f"{_say(self.repeated)} ballot(s) named a candidate twice; the first "
                "(higher) place was kept."
            )
        return tuple(notes)


def _say(value: Number) -> str:
    return str(value) if isinstance(value, int) else str(float(value))


def read_ballot_file(path: str | Path) -> BallotFile:
    """Read a BLT, PrefLib or CSV file; the format comes from its ending or first line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BallotFileError(f"cannot read the file ({error.strerror})", 0, str(path)) from None
    except UnicodeDecodeError:
        raise BallotFileError("the file is not UTF-8 text", 0, str(path)) from None
    try:
        return parse_ballots(text, _format_of(path, text))
    except BallotFileError as error:
        raise BallotFileError(error.message, error.line, str(path)) from None


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".blt":
        return "blt"
    if suffix in PREFLIB_ENDINGS:
        return "preflib"
    if suffix == ".csv":
        return "csv"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("#"):
        return "preflib"
    return "blt" if re.fullmatch(r"\d+\s+\d+", first) else "csv"


def parse_ballots(text: str, fmt: str) -> BallotFile:
    """Parse file text in the named format: ``blt``, ``preflib`` or ``csv``."""
    readers = {"blt": parse_blt, "preflib": parse_preflib, "csv": parse_csv}
    if fmt not in readers:
        raise BallotFileError(f"unknown ballot file format {fmt!r}")
    return readers[fmt](text)


# --- BLT -------------------------------------------------------------------------------


@dataclass
class _BltHeader:
    ncand: int
    seats: int
    withdrawn: set[int] = field(default_factory=set)
    nicks: dict[str, int] = field(default_factory=dict)
    tie_order: list[int] = field(default_factory=list)


def _blt_lines(text: str) -> list[tuple[int, str]]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append((number, line))
    return lines


def parse_blt(text: str) -> BallotFile:
    """Parse BLT text (see the module docstring)."""
    lines = _blt_lines(text)
    if not lines:
        raise BallotFileError("the file is empty", 1)
    header = _blt_first_line(*lines[0])
    index = _blt_options(lines, 1, header)
    tally = _Tally()
    while True:
        if index >= len(lines):
            raise BallotFileError("the ballots must end with a line '0'", lines[-1][0])
        number, line = lines[index]
        index += 1
        if line.split()[0] == "0":
            break
        weight, tiers = _blt_ballot(number, line, header)
        tally.add(tiers, weight)
    names, title = _blt_names(lines[index:], header.ncand, lines[-1][0])
    return BallotFile(
        profile=tally.profile(names, frozenset(header.withdrawn)),
        format="blt",
        seats=header.seats,
        title=title,
        notes=tally.notes(),
        tie_order=tuple(header.tie_order),
    )


def _blt_first_line(number: int, line: str) -> _BltHeader:
    parts = line.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise BallotFileError("line 1 must be two numbers: candidates and seats", number)
    ncand, seats = int(parts[0]), int(parts[1])
    if ncand < 1 or not 1 <= seats <= ncand:
        raise BallotFileError(f"{seats} seats among {ncand} candidates is not a count", number)
    return _BltHeader(ncand, seats)


def _blt_options(lines: list[tuple[int, str]], index: int, header: _BltHeader) -> int:
    """Read withdrawn and ``[option]`` lines; return the index of the first ballot."""
    while index < len(lines):
        number, line = lines[index]
        if line.startswith("-"):
            for token in line.split():
                header.withdrawn.add(_blt_candidate(token.lstrip("-"), number, header))
        elif line.startswith("["):
            _blt_option(number, line, header)
        else:
            return index
        index += 1
    return index


def _blt_option(number: int, line: str, header: _BltHeader) -> None:
    if not line.endswith("]"):
        raise BallotFileError("an option line must end with ']'", number)
    name, *args = line[1:-1].split()
    if name == "nick":
        if len(args) != header.ncand:
            raise BallotFileError(f"[nick] needs {header.ncand} nicknames", number)
        header.nicks = {nick: i for i, nick in enumerate(args)}
    elif name == "tie":
        header.tie_order = [_blt_candidate(a, number, header) for a in args]
    elif name == "withdrawn":
        header.withdrawn.update(_blt_candidate(a, number, header) for a in args)


def _blt_candidate(token: str, number: int, header: _BltHeader) -> int:
    if token in header.nicks:
        return header.nicks[token]
    if token.isdigit() and 1 <= int(token) <= header.ncand:
        return int(token) - 1
    raise BallotFileError(f"{token!r} is not a candidate (1 to {header.ncand})", number)


def _blt_ballot(number: int, line: str, header: _BltHeader) -> tuple[Number, list[list[int]]]:
    tokens = line.split()
    if tokens[0].startswith("("):
        tokens = tokens[1:]  # an OpenSTV ballot id
    if len(tokens) < 2 or tokens[-1] != "0":
        raise BallotFileError("a ballot line must be 'weight c1 c2 … 0'", number)
    weight = _weight(tokens[0], number)
    tiers = [[_blt_candidate(t, number, header) for t in tok.split("=")] for tok in tokens[1:-1]]
    return weight, tiers


def _weight(token: str, number: int) -> Number:
    try:
        value = Fraction(token)
    except (ValueError, ZeroDivisionError):
        raise BallotFileError(f"{token!r} is not a ballot weight", number) from None
    if value < 0:
        raise BallotFileError("a ballot weight cannot be negative", number)
    return int(value) if value.denominator == 1 else value


def _blt_names(rest: list[tuple[int, str]], ncand: int, last: int) -> tuple[list[str], str]:
    """The quoted names and title; lines after the title (free comments) are ignored."""
    strings: list[tuple[int, str]] = []
    for number, line in rest:
        if len(strings) > ncand:
            break
        try:
            strings.extend((number, s) for s in shlex.split(line))
        except ValueError:
            raise BallotFileError("a name's quotes are not closed", number) from None
    if len(strings) < ncand:
        where = strings[-1][0] if strings else last
        raise BallotFileError(f"{ncand} candidate names expected, found {len(strings)}", where)
    title = strings[ncand][1] if len(strings) > ncand else ""
    return [s for _, s in strings[:ncand]], title


# --- PrefLib ---------------------------------------------------------------------------


_NAME = re.compile(r"#\s*ALTERNATIVE NAME\s+(\d+)\s*:\s*(.*)")
_DATA = re.compile(r"(\d+)\s*:\s*(.*)")


def parse_preflib(text: str) -> BallotFile:
    """Parse PrefLib ``.soc/.soi/.toc/.toi`` text (see the module docstring)."""
    names: dict[int, str] = {}
    title, tally, ballots = "", _Tally(), 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if match := _NAME.fullmatch(line):
                names[int(match.group(1))] = match.group(2).strip()
            elif line.upper().startswith("# TITLE:"):
                title = line.split(":", 1)[1].strip()
            continue
        if not names:
            raise BallotFileError("no '# ALTERNATIVE NAME n:' lines before the ballots", number)
        count, tiers = _preflib_line(number, line, len(names))
        tally.add(tiers, count)
        ballots += 1
    if not names:
        raise BallotFileError("no '# ALTERNATIVE NAME n:' lines: not a PrefLib file", 1)
    if sorted(names) != list(range(1, len(names) + 1)):
        raise BallotFileError("alternatives must be numbered 1, 2, 3, … without gaps", 1)
    ordered = [names[i] for i in range(1, len(names) + 1)]
    return BallotFile(tally.profile(ordered), "preflib", None, title, tally.notes())


def _preflib_line(number: int, line: str, ncand: int) -> tuple[int, list[list[int]]]:
    match = _DATA.fullmatch(line)
    if not match:
        raise BallotFileError("a ballot line must be 'count: a,b,{c,d}'", number)
    tiers: list[list[int]] = []
    for group in re.findall(r"\{[^}]*\}|[^,{}]+", match.group(2)):
        items = group.strip("{}").split(",") if group.startswith("{") else [group]
        tiers.append([_preflib_candidate(item.strip(), number, ncand) for item in items])
    rest = re.sub(r"\{[^}]*\}|[^,{}]+|,", "", match.group(2))
    if rest.strip():
        raise BallotFileError(f"unbalanced braces in {match.group(2)!r}", number)
    return int(match.group(1)), tiers


def _preflib_candidate(token: str, number: int, ncand: int) -> int:
    if token.isdigit() and 1 <= int(token) <= ncand:
        return int(token) - 1
    raise BallotFileError(f"{token!r} is not an alternative (1 to {ncand})", number)


# --- CSV -------------------------------------------------------------------------------


def parse_csv(text: str) -> BallotFile:
    """Parse CSV text in the *rows* or *grid* shape (see the module docstring)."""
    rows = [
        (n, [c.strip() for c in row]) for n, row in _csv_rows(text) if any(c.strip() for c in row)
    ]
    if not rows:
        raise BallotFileError("the file has no ballots", 1)
    if _is_grid(rows):
        return _csv_grid(rows)
    return _csv_ranked_rows(rows)


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    out: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            out.append((reader.line_num, row))
    except csv.Error as error:
        raise BallotFileError(f"not valid CSV ({error})", reader.line_num) from None
    return out


def _is_number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+", cell) is not None


def _is_grid(rows: list[tuple[int, list[str]]]) -> bool:
    header = [c for c in rows[0][1] if c]
    if not header or any(_is_number(c) for c in header) or len(rows) < 2:
        return False
    return all(_is_number(c) for _, row in rows[1:] for c in row if c)


def _csv_grid(rows: list[tuple[int, list[str]]]) -> BallotFile:
    names = rows[0][1]
    if "" in names or len(set(names)) != len(names):
        raise BallotFileError("the header must name each candidate once", rows[0][0])
    tally = _Tally()
    for number, cells in _grid_cells(rows):
        tally.add(_tiers_from_ranks(cells, number), 1)
    return BallotFile(tally.profile(names), "csv-grid", notes=tally.notes())


def _grid_cells(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[int | None]]]:
    """Each ballot row's numbers, padded with blanks to the header's width."""
    width = len(rows[0][1])
    out: list[tuple[int, list[int | None]]] = []
    for number, row in rows[1:]:
        if len(row) > width:
            raise BallotFileError(f"{len(row)} cells but {width} candidates", number)
        for cell in row:
            if cell and not _is_number(cell):
                raise BallotFileError(f"{cell!r} is not a whole number", number)
        out.append((number, [int(c) if c else None for c in row] + [None] * (width - len(row))))
    return out


@dataclass(frozen=True)
class ScoreGrid:
    """Score ballots from a CSV grid: one row of scores (None = blank) per voter."""

    candidates: tuple[str, ...]
    rows: tuple[tuple[int | None, ...], ...]


def read_score_grid(path: str | Path) -> ScoreGrid:
    """Read a CSV grid of scores (see the module docstring)."""
    path = Path(path)
    try:
        return parse_score_grid(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise BallotFileError(f"cannot read the file ({error.strerror})", 0, str(path)) from None
    except BallotFileError as error:
        raise BallotFileError(error.message, error.line, str(path)) from None


def parse_score_grid(text: str) -> ScoreGrid:
    """Parse CSV text: a header of candidate names, then a score (or blank) per cell."""
    rows = [(n, [c.strip() for c in r]) for n, r in _csv_rows(text) if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise BallotFileError("a score grid needs a header row and at least one ballot", 1)
    names = rows[0][1]
    if "" in names or len(set(names)) != len(names) or any(_is_number(c) for c in names):
        raise BallotFileError("the header must name each candidate once", rows[0][0])
    cells = _grid_cells(rows)
    return ScoreGrid(tuple(names), tuple(tuple(c) for _, c in cells))


def _tiers_from_ranks(cells: list[int | None], number: int) -> list[list[int]]:
    if any(c is not None and c < 1 for c in cells):
        raise BallotFileError("rank numbers start at 1", number)
    ranks = sorted({c for c in cells if c is not None})
    return [[i for i, c in enumerate(cells) if c == r] for r in ranks]


def _csv_ranked_rows(rows: list[tuple[int, list[str]]]) -> BallotFile:
    index: dict[str, int] = {}
    tally = _Tally()
    for _, row in rows:
        ranking = [index.setdefault(c, len(index)) for c in row if c]
        tally.add([[c] for c in ranking], 1)
    return BallotFile(tally.profile(list(index)), "csv-rows", notes=tally.notes())
