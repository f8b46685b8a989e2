"""What may be shown of a count or a percentage: the one place that decides.

Every page, chart, summary, indicator, aggregated export and the staff dashboard puts its numbers
through `suppress_table` (or `suppress_counts`, the same for one row). Pure code: no database.

The rules:

- a count from 1 to 4 is never shown: it reads “fewer than 5”; zero is shown (nobody is in it),
  except beside a total of fewer than 5, where it would tell how those few are spread;
- a percentage is shown only when its count is shown and its base is 5 or more;
- where the totals and the other shown numbers would let someone work out a hidden number, more
  numbers are hidden (“not shown”) until none can be worked out.

“Worked out” is judged as someone who knows these rules would: a number shown as “fewer than 5”
is between 1 and 4, a number “not shown” is 0 or 5 or more, and every row, column and total that
is shown must add up. The values each hidden number could take are narrowed line by line until
nothing changes (for a row and the sums inside it, that is exact); where rows and columns cross,
a linear program finds them instead. Where a hidden number is left with only one possible value,
the smallest shown number beside it is hidden too, and the search starts again.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.optimize import linprog

THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are never shown
FEWER_THAN = f"fewer than {THRESHOLD}"
NOT_SHOWN = "not shown"

SHOWN = ""
SMALL = "small"  # 1 to 4
SECONDARY = "secondary"  # hidden so that a small number cannot be worked out

_UNBOUNDED = math.inf


@dataclass(frozen=True)
class ShownCount:
    """One number as it may be published: the count, or why it is hidden; and its percentage."""

    value: int | None  # None when hidden
    hidden_because: str = SHOWN
    percentage: int | None = None  # whole percent of the row's total, when it may be shown

    @property
    def is_hidden(self) -> bool:
        return self.value is None

    @property
    def label(self) -> str:
        if self.hidden_because == SMALL:
            return FEWER_THAN
        if self.hidden_because == SECONDARY:
            return NOT_SHOWN
        return f"{self.value:,}"

    @property
    def percentage_label(self) -> str:
        return "" if self.percentage is None else f"{self.percentage}%"

    @property
    def in_ten(self) -> int | None:
        """The percentage as “n in 10”, for sentences a child can read."""
        return None if self.percentage is None else round(self.percentage / 10)


@dataclass(frozen=True)
class SuppressedTable:
    cells: list[list[ShownCount]]
    row_totals: list[ShownCount]
    # Only when the column totals are published (`column_totals=True`); empty otherwise.
    column_totals: list[ShownCount]
    grand_total: ShownCount | None
    # For each row, the published sum of each group of cells in `row_sums`.
    sums: list[list[ShownCount]]

    @property
    def rows(self) -> list[tuple[list[ShownCount], ShownCount]]:
        return list(zip(self.cells, self.row_totals, strict=True))


@dataclass(frozen=True)
class SuppressedRow:
    cells: list[ShownCount]
    total: ShownCount
    sums: list[ShownCount]

    @property
    def hides_any(self) -> bool:
        return any(cell.is_hidden for cell in self.cells)


def suppress_counts(
    counts: Sequence[int],
    *,
    total: int | None = None,
    cells_add_up: bool = True,
    sums: Sequence[Sequence[int]] = (),
) -> SuppressedRow:
    """One row: `suppress_table` for a single distribution."""
    table = suppress_table(
        [counts],
        row_totals=None if total is None else [total],
        cells_add_up=cells_add_up,
        row_sums=sums,
    )
    return SuppressedRow(table.cells[0], table.row_totals[0], table.sums[0])


def suppress_total(count: int) -> ShownCount:
    """A number on its own (“27 carers answered”): shown only if it is 0 or 5 or more."""
    return suppress_table([[count]]).row_totals[0]


def suppress_table(
    counts: Sequence[Sequence[int]],
    *,
    row_totals: Sequence[int] | None = None,
    column_totals: bool = False,
    cells_add_up: bool = True,
    row_sums: Sequence[Sequence[int]] = (),
) -> SuppressedTable:
    """The counts of a table as they may be published, with each row's percentages.

    `counts` is a list of rows. Each row has a total, the base of its percentages: `row_totals`,
    or the sum of the row. `cells_add_up=False` is for answers where one person can be in
    several cells (multiple choice): each cell then stands alone against its row's total, and a
    cell is hidden too when the number *not* in it is from 1 to 4. `column_totals=True` also
    publishes the total of each column and the grand total (only where the cells add up).
    `row_sums` are groups of columns (by index) whose sum is published for every row too, such
    as an indicator's “agree or strongly agree”: they are protected like any other number.

    Promises: no shown number is from 1 to 4; no percentage is shown for a hidden count or a base
    under 5; and no hidden number can be worked out from the shown ones and the totals.
    """
    rows = [list(row) for row in counts]
    width = max((len(row) for row in rows), default=0)
    if any(len(row) != width for row in rows):
        raise ValueError("Every row of a table needs the same number of cells")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("Counts cannot be negative")
    if column_totals and not cells_add_up:
        raise ValueError("Column totals need cells that add up")
    totals = list(row_totals) if row_totals is not None else [sum(row) for row in rows]
    if len(totals) != len(rows):
        raise ValueError("One total is needed for each row")
    if cells_add_up and any(sum(row) != total for row, total in zip(rows, totals, strict=True)):
        raise ValueError("The cells of a row must add up to its total")
    if not cells_add_up and any(v > t for row, t in zip(rows, totals, strict=True) for v in row):
        raise ValueError("A cell cannot be more than its row's total")
    groups = [tuple(sorted(set(group))) for group in row_sums]
    if any(not 0 <= c < width for group in groups for c in group):
        raise ValueError("A sum names a column the table does not have")
    if sum(len(group) for group in groups) != len({c for group in groups for c in group}):
        raise ValueError("Sums of cells cannot share a cell")
    if groups and (not cells_add_up or column_totals):
        raise ValueError("Sums of cells are for rows whose cells add up, without column totals")

    grid = _Grid(
        rows, totals, column_totals=column_totals, cells_add_up=cells_add_up, groups=groups
    )
    grid.hide_until_safe()
    return grid.published()


# --- How it works ------------------------------------------------------------------------------


class _Grid:
    """The table as items (cells and totals) joined by lines (sums that must hold)."""

    def __init__(self, rows, totals, *, column_totals: bool, cells_add_up: bool, groups):
        self.height = len(rows)
        self.width = len(rows[0]) if rows else 0  # every row has the same width (checked)
        self.values: dict[tuple, int] = {}
        # Items that are never published (the number not in a multiple-choice cell).
        self.unpublished: set[tuple] = set()
        # Each line: (parts, total): the parts add up to the total.
        self.lines: list[tuple[list[tuple], tuple]] = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.values[("cell", r, c)] = value
            self.values[("row", r)] = totals[r]
            if cells_add_up:
                self.lines.append(([("cell", r, c) for c in range(self.width)], ("row", r)))
            else:
                for c, value in enumerate(row):
                    others = ("not", r, c)
                    self.values[others] = totals[r] - value
                    self.unpublished.add(others)
                    self.lines.append(([("cell", r, c), others], ("row", r)))
        self.groups = groups
        for r, row in enumerate(rows):
            for g, group in enumerate(groups):
                self.values[("sum", r, g)] = sum(row[c] for c in group)
                self.lines.append(([("cell", r, c) for c in group], ("sum", r, g)))
        self.column_totals = column_totals
        if column_totals:
            for c in range(self.width):
                self.values[("column", c)] = sum(row[c] for row in rows)
                self.lines.append(([("cell", r, c) for r in range(self.height)], ("column", c)))
            self.values[("grand",)] = sum(totals)
            self.lines.append(([("row", r) for r in range(self.height)], ("grand",)))
            self.lines.append(([("column", c) for c in range(self.width)], ("grand",)))
        self.given_lines = list(self.lines)
        self._add_nested_lines()
        self.hidden: dict[tuple, str] = {
            item: SMALL
            for item, value in self.values.items()
            if item not in self.unpublished and 0 < value < THRESHOLD
        }
        # Inside a total of fewer than 5, a zero would tell how the few are spread: it reads
        # “fewer than 5” too, and every number there could be anything from 0 to 4.
        # A total of 0, and a zero in a line whose total is 0, say nothing new, and stay.
        known_zero = {
            item
            for parts, total in self.given_lines
            if self.values[total] == 0
            for item in (*parts, total)
        }
        self.could_be_zero: set[tuple] = set()
        for parts, total in self.given_lines:
            if self.hidden.get(total) == SMALL:
                for item in parts:
                    if item not in self.unpublished and item not in known_zero:
                        self.hidden.setdefault(item, SMALL)
                        self.could_be_zero.add(item)

    def _add_nested_lines(self) -> None:
        """Where one line's parts are among another's (an indicator's sum inside its row), the
        difference is a line too: a reader can subtract one sum from the other."""
        seen = {(frozenset(parts), total) for parts, total in self.lines}
        for small_parts, small_total in self.lines:
            for big_parts, big_total in list(self.lines):
                small, big = set(small_parts), set(big_parts)
                if small <= big and small_total != big_total:
                    rest = [item for item in big_parts if item not in small]
                    line = ([*rest, small_total], big_total)
                    if (frozenset(line[0]), big_total) not in seen:
                        seen.add((frozenset(line[0]), big_total))
                        self.lines.append(line)

    # Hiding.

    def hide_until_safe(self) -> None:
        while True:
            at_risk = self._item_that_can_be_worked_out()
            if at_risk is None:
                return
            self.hidden[self._next_to_hide(at_risk)] = SECONDARY

    def _item_that_can_be_worked_out(self) -> tuple | None:
        bounds = self._exact_bounds() if self.column_totals else self._bounds()
        for item in self.values:
            low, high = bounds.get(item, (None, None))
            if low is None or low != high:
                continue
            if item in self.hidden:
                return item
            if item in self.unpublished and 0 < self.values[item] < THRESHOLD:
                return item
        return None

    def _next_to_hide(self, at_risk: tuple) -> tuple:
        """The smallest shown number on a line with `at_risk`, a cell rather than a total. If
        every number on its lines is hidden already, look one line further, through the hidden
        numbers on them. Zeros are never hidden: “not shown” means 0 or 5 or more, so a hidden
        zero next to small numbers is soon worked out, and it hides nobody."""

        def cost(item):
            return (item[0] != "cell", self.values[item], item)

        reached, frontier = {at_risk}, {at_risk}
        while frontier:
            lines = [
                (*parts, total)
                for parts, total in self.lines
                if frontier.intersection((*parts, total))
            ]
            on_lines = {item for line in lines for item in line}
            candidates = [
                item
                for item in on_lines
                if item not in self.hidden
                and item not in self.unpublished
                and self.values[item] > 0
            ]
            if candidates:
                return min(candidates, key=cost)
            frontier = on_lines - reached
            reached |= on_lines
        raise RuntimeError(f"Nothing left to hide beside {at_risk}")  # pragma: no cover

    # What someone who knows the rules could narrow each hidden number down to.

    def _start_bounds(self, item) -> tuple[float, float]:
        if item in self.unpublished:
            return 0, _UNBOUNDED
        if self.hidden[item] == SMALL:
            return (0 if item in self.could_be_zero else 1), THRESHOLD - 1
        return 0, _UNBOUNDED

    def _bounds(self) -> dict[tuple, tuple[float, float]]:
        unknown = set(self.hidden) | self.unpublished
        bounds = {item: self._start_bounds(item) for item in unknown}
        for _ in range(100):
            changed = False
            for parts, total in self.lines:
                changed |= self._narrow_line(parts, total, bounds)
            for item in unknown:
                changed |= self._apply_gap(item, bounds)
            if not changed:
                break
        return bounds

    def _exact_bounds(self) -> dict[tuple, tuple[float, float]]:
        """With column totals, rows and columns cross, and narrowing one line at a time can miss
        what the lines say together: solve for each hidden number's least and greatest value
        with a linear program over every line instead, then apply the gap."""
        unknown = sorted(set(self.hidden) | self.unpublished)
        if not unknown:
            return {}
        index = {item: i for i, item in enumerate(unknown)}
        equations, constants = [], []
        for parts, total in self.given_lines:
            row, constant = [0.0] * len(unknown), 0.0
            for item, sign in [*((part, 1) for part in parts), (total, -1)]:
                if item in index:
                    row[index[item]] += sign
                else:
                    constant -= sign * self.values[item]
            if any(row):
                equations.append(row)
                constants.append(constant)
        limits = [self._start_bounds(item) for item in unknown]
        limits = [(low, None if high == _UNBOUNDED else high) for low, high in limits]
        bounds = {}
        for item, i in index.items():
            objective = [0.0] * len(unknown)
            objective[i] = 1.0
            least = linprog(
                objective, A_eq=equations or None, b_eq=constants or None, bounds=limits
            )
            objective[i] = -1.0
            most = linprog(objective, A_eq=equations or None, b_eq=constants or None, bounds=limits)
            low = math.ceil(least.fun - 1e-7) if least.status == 0 else 0
            high = math.floor(-most.fun + 1e-7) if most.status == 0 else _UNBOUNDED
            bounds[item] = (low, high)
            self._apply_gap(item, bounds)
        return bounds

    def _narrow_line(self, parts, total, bounds) -> bool:
        def low(item):
            return bounds[item][0] if item in bounds else self.values[item]

        def high(item):
            return bounds[item][1] if item in bounds else self.values[item]

        changed = False
        parts_low = sum(low(item) for item in parts)
        parts_high = sum(high(item) for item in parts)
        if total in bounds:
            changed |= self._set(bounds, total, parts_low, parts_high)
        for item in parts:
            if item not in bounds:
                continue
            # Summed afresh, not subtracted: infinity minus infinity has no value.
            others_low = sum(low(other) for other in parts if other != item)
            others_high = sum(high(other) for other in parts if other != item)
            changed |= self._set(bounds, item, low(total) - others_high, high(total) - others_low)
        return changed

    @staticmethod
    def _set(bounds, item, low, high) -> bool:
        old_low, old_high = bounds[item]
        new = (max(old_low, low), min(old_high, high))
        if new != (old_low, old_high):
            bounds[item] = new
            return True
        return False

    def _apply_gap(self, item, bounds) -> bool:
        """A number “not shown” is 0 or at least 5: nothing in between."""
        if item in self.unpublished or self.hidden.get(item) != SECONDARY:
            return False
        low, high = bounds[item]
        if high < THRESHOLD and low <= 0 < high:
            return self._set(bounds, item, 0, 0)
        if 0 < low < THRESHOLD:
            return self._set(bounds, item, THRESHOLD, high)
        return False

    # The result.

    def published(self) -> SuppressedTable:
        row_totals = [self._shown(("row", r)) for r in range(self.height)]
        cells = [
            [self._shown(("cell", r, c), base=row_totals[r]) for c in range(self.width)]
            for r in range(self.height)
        ]
        column_totals = (
            [self._shown(("column", c)) for c in range(self.width)] if self.column_totals else []
        )
        grand_total = self._shown(("grand",)) if self.column_totals else None
        sums = [
            [self._shown(("sum", r, g), base=row_totals[r]) for g in range(len(self.groups))]
            for r in range(self.height)
        ]
        return SuppressedTable(cells, row_totals, column_totals, grand_total, sums)

    def _shown(self, item, *, base: ShownCount | None = None) -> ShownCount:
        if item in self.hidden:
            return ShownCount(None, self.hidden[item])
        value = self.values[item]
        percentage = None
        if base is not None and base.value is not None and base.value >= THRESHOLD:
            percentage = math.floor(100 * value / base.value + 0.5)  # half up, as people expect
        return ShownCount(value, SHOWN, percentage)
