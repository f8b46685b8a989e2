"""The one function that decides what may be shown of a count or a percentage."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from participation.suppression import (
    FEWER_THAN,
    NOT_SHOWN,
    SECONDARY,
    SMALL,
    THRESHOLD,
    suppress_counts,
    suppress_table,
    suppress_total,
)


def labels(cells):
    return [cell.label for cell in cells]


# --- Primary suppression: 1 to 4 is never shown -------------------------------------------------


@pytest.mark.parametrize(("count", "label"), [(0, "0"), (1, FEWER_THAN), (4, FEWER_THAN), (5, "5")])
def test_a_number_on_its_own(count, label):
    assert suppress_total(count).label == label


def test_small_counts_read_fewer_than_five_and_zero_is_shown():
    row = suppress_counts([0, 3, 12, 9, 0])
    cells, total = row.cells, row.total
    assert labels(cells) == ["0", FEWER_THAN, "12", NOT_SHOWN, "0"]  # the smallest other goes
    assert total.label == "24"
    assert cells[1].hidden_because == SMALL and cells[1].value is None


def test_nothing_small_means_nothing_hidden():
    row = suppress_counts([10, 12, 30])
    cells, total = row.cells, row.total
    assert labels(cells) == ["10", "12", "30"] and total.label == "52"
    assert [cell.percentage for cell in cells] == [19, 23, 58]


def test_a_total_under_five_hides_everything_zeros_too():
    # Four “fewer than 5” and a zero under a total of 4 would say each of the four is 1.
    row = suppress_counts([1, 1, 1, 1, 0])
    cells, total = row.cells, row.total
    assert labels(cells) == [FEWER_THAN] * 5
    assert total.label == FEWER_THAN
    assert all(cell.percentage is None for cell in cells)


# --- Secondary suppression: the totals must not give a hidden number away ------------------------


def test_one_small_cell_takes_the_next_smallest_with_it():
    row = suppress_counts([20, 2, 7, 40])
    cells, total = row.cells, row.total
    # 2 alone could be worked out from the total (69 - 20 - 7 - 40): 7 is hidden too.
    assert labels(cells) == ["20", FEWER_THAN, NOT_SHOWN, "40"]
    assert cells[2].hidden_because == SECONDARY
    assert total.label == "69"


def test_two_small_cells_that_could_only_be_one_each_take_a_third():
    # 1 and 1 with a total of 22 beside a 20: the two hidden add up to 2, so both are 1.
    row = suppress_counts([1, 1, 20])
    cells, total = row.cells, row.total
    assert labels(cells) == [FEWER_THAN, FEWER_THAN, NOT_SHOWN]
    assert total.label == "22"


def test_two_fours_hide_the_total_rather_than_give_themselves_away():
    row = suppress_counts([4, 4])
    cells, total = row.cells, row.total
    assert labels(cells) == [FEWER_THAN, FEWER_THAN]
    assert total.label == NOT_SHOWN


def test_column_totals_are_protected_too():
    table = suppress_table([[3, 10, 12], [8, 9, 2], [20, 0, 6]], column_totals=True)
    shown = [labels(row) for row in table.cells]
    assert shown[0][0] == FEWER_THAN and shown[1][2] == FEWER_THAN
    for r, row in enumerate(table.cells):
        assert sum(cell.is_hidden for cell in row) != 1, f"row {r} has one hidden cell"
    for c in range(3):
        column = [table.cells[r][c] for r in range(3)]
        assert sum(cell.is_hidden for cell in column) != 1, f"column {c} has one hidden cell"
    assert table.grand_total.label == "70"


def test_a_published_sum_is_protected_like_a_cell():
    # “Agree or strongly agree” = 23 beside strongly agree = 20 would give away agree = 3.
    row = suppress_counts([20, 3, 10, 7, 0], sums=[[0, 1]])
    # The indicator's sum stays; the cells beside the small one go instead.
    assert labels(row.cells) == [NOT_SHOWN, FEWER_THAN, NOT_SHOWN, NOT_SHOWN, "0"]
    assert row.sums[0].label == "23" and row.sums[0].percentage == 58
    assert row.total.label == "40"


def test_a_sum_of_shown_cells_has_its_percentage():
    row = suppress_counts([20, 10, 10], sums=[[0, 1]])
    assert row.sums[0].label == "30" and row.sums[0].percentage == 75


def test_multiple_choice_hides_a_cell_when_few_did_not_tick_it():
    # 18 of 20 ticked “phone calls”: showing 18 would say that 2 people did not.
    row = suppress_counts([18, 3, 10], total=20, cells_add_up=False)
    cells, total = row.cells, row.total
    assert labels(cells) == [NOT_SHOWN, FEWER_THAN, "10"]
    assert cells[2].percentage == 50
    assert total.label == "20"


# --- Percentages ------------------------------------------------------------------------------


def test_percentages_need_a_base_of_five_and_a_shown_count():
    cells = suppress_counts([5, 0]).cells
    assert [cell.percentage_label for cell in cells] == ["100%", "0%"]
    cells = suppress_counts([2, 2]).cells
    assert [cell.percentage for cell in cells] == [None, None]


def test_percentages_round_half_up_and_read_as_in_ten():
    cells = suppress_counts([7, 9, 24]).cells  # 17.5%, 22.5%, 60%
    assert [cell.percentage for cell in cells] == [18, 23, 60]
    assert [cell.in_ten for cell in cells] == [2, 2, 6]


def test_zero_everywhere_is_shown_as_zero():
    row = suppress_counts([0, 0, 0])
    cells, total = row.cells, row.total
    assert labels(cells) == ["0", "0", "0"] and total.label == "0"
    assert all(cell.percentage is None for cell in cells)


@pytest.mark.parametrize(
    ("counts", "kwargs", "message"),
    [
        ([[1, 2], [3]], {}, "same number of cells"),
        ([[-1, 2]], {}, "negative"),
        ([[1, 2]], {"row_totals": [4]}, "add up"),
        ([[5, 2]], {"row_totals": [4], "cells_add_up": False}, "more than"),
        ([[1, 2]], {"column_totals": True, "cells_add_up": False}, "Column totals"),
        ([[1, 2]], {"row_sums": [[0, 2]]}, "does not have"),
        ([[1, 2, 3]], {"row_sums": [[0, 1], [1, 2]]}, "share"),
        ([[1, 2]], {"row_sums": [[0]], "cells_add_up": False, "row_totals": [3]}, "Sums"),
        ([[1, 2]], {"row_sums": [[0]], "column_totals": True}, "Sums"),
    ],
)
def test_impossible_tables_are_refused(counts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        suppress_table(counts, **kwargs)


# --- Property: no published table gives a hidden number away -----------------------------------


def _variables(table, counts, row_totals, column_totals, cells_add_up, groups):
    """Each number a reader cannot see, with what they know of it: (name, low, high, true)."""
    found = []
    shown_as = {}
    for r, row in enumerate(table.cells):
        shown_as.update({("cell", r, c): cell for c, cell in enumerate(row)})
        shown_as[("row", r)] = table.row_totals[r]
        shown_as.update({("sum", r, g): total for g, total in enumerate(table.sums[r])})
    shown_as.update({("column", c): total for c, total in enumerate(table.column_totals)})
    shown_as[("grand",)] = table.grand_total
    # Beside a total of “fewer than 5”, a “fewer than 5” may be 0.
    could_be_zero = {
        part
        for parts, total in _lines(table, counts, column_totals, cells_add_up, groups)
        if shown_as.get(total) is not None and shown_as[total].hidden_because == SMALL
        for part in parts
    }

    def add(name, shown, true):
        if shown.is_hidden:
            if shown.hidden_because == SMALL:
                found.append((name, 0 if name in could_be_zero else 1, THRESHOLD - 1, true, True))
            else:
                found.append((name, 0, None, true, False))

    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            add(("cell", r, c), cell, counts[r][c])
            if not cells_add_up:
                # The number who did not tick it is never shown.
                found.append((("not", r, c), 0, None, row_totals[r] - counts[r][c], None))
        add(("row", r), table.row_totals[r], row_totals[r])
        for g, group in enumerate(groups):
            add(("sum", r, g), table.sums[r][g], sum(counts[r][c] for c in group))
    if column_totals:
        for c, total in enumerate(table.column_totals):
            add(("column", c), total, sum(row[c] for row in counts))
        add(("grand",), table.grand_total, sum(row_totals))
    return found


def _lines(table, counts, column_totals, cells_add_up, groups):
    height, width = len(counts), len(counts[0])
    lines = []
    for r in range(height):
        lines.extend(
            ([("cell", r, c) for c in group], ("sum", r, g)) for g, group in enumerate(groups)
        )
        if cells_add_up:
            lines.append(([("cell", r, c) for c in range(width)], ("row", r)))
        else:
            lines.extend(([("cell", r, c), ("not", r, c)], ("row", r)) for c in range(width))
    if column_totals:
        for c in range(width):
            lines.append(([("cell", r, c) for r in range(height)], ("column", c)))
        lines.append(([("row", r) for r in range(height)], ("grand",)))
        lines.append(([("column", c) for c in range(width)], ("grand",)))
    return lines


def _known_value(name, counts, row_totals, groups):
    kind = name[0]
    if kind == "sum":
        return sum(counts[name[1]][c] for c in groups[name[2]])
    if kind == "cell":
        return counts[name[1]][name[2]]
    if kind == "row":
        return row_totals[name[1]]
    if kind == "column":
        return sum(row[name[1]] for row in counts)
    return sum(row_totals)


def assert_nothing_can_be_worked_out(
    table, counts, row_totals, column_totals, cells_add_up, groups=()
):
    """Solve for each hidden number's smallest and largest possible value with a linear
    program over every line the reader can add up; none may be left with one value."""
    variables = _variables(table, counts, row_totals, column_totals, cells_add_up, groups)
    if not variables:
        return
    index = {name: i for i, (name, *_) in enumerate(variables)}
    equations, constants = [], []
    for parts, total in _lines(table, counts, column_totals, cells_add_up, groups):
        row = [0.0] * len(variables)
        constant = 0.0
        for name, sign in [*((p, 1) for p in parts), (total, -1)]:
            if name in index:
                row[index[name]] += sign
            else:
                constant -= sign * _known_value(name, counts, row_totals, groups)
        if any(row):
            equations.append(row)
            constants.append(constant)
    bounds = [(low, high) for _, low, high, _, _ in variables]
    for i, (name, _, _, true, small) in enumerate(variables):
        objective = [0.0] * len(variables)
        objective[i] = 1.0
        low = linprog(objective, A_eq=equations or None, b_eq=constants or None, bounds=bounds)
        high = linprog(
            [-x for x in objective], A_eq=equations or None, b_eq=constants or None, bounds=bounds
        )
        assert low.status == 0 and high.status in (0, 3), (name, low.message, high.message)
        least = math.ceil(low.fun - 1e-7)
        most = math.inf if high.status == 3 else math.floor(-high.fun + 1e-7)  # 3: unbounded
        assert least <= true <= most, (name, least, true, most)
        if small is None and not 0 < true < THRESHOLD:
            continue  # never published, and not a small number: knowing it harms nobody
        if small is False:  # “not shown”: 0 or at least 5
            if most < THRESHOLD:
                most = 0
            if least > 0:
                least = max(least, THRESHOLD)
        assert least < most, f"{name} can be worked out: it must be {true} ({table})"


counts_strategy = st.integers(min_value=0, max_value=14) | st.integers(min_value=1, max_value=4)


@st.composite
def tables(draw):
    height = draw(st.integers(min_value=1, max_value=4))
    width = draw(st.integers(min_value=1, max_value=5))
    counts = [[draw(counts_strategy) for _ in range(width)] for _ in range(height)]
    cells_add_up = draw(st.booleans())
    column_totals = cells_add_up and draw(st.booleans())
    if cells_add_up:
        row_totals = [sum(row) for row in counts]
    else:
        row_totals = [max(row) + draw(st.integers(min_value=0, max_value=8)) for row in counts]
    # Published sums of cells (an indicator's answers), which share no cell.
    groups = []
    if cells_add_up and not column_totals:
        labels_of_columns = draw(st.lists(st.integers(0, 2), min_size=width, max_size=width))
        groups = [[c for c, g in enumerate(labels_of_columns) if g == n] for n in (1, 2)]
        groups = [group for group in groups if group]
    return counts, row_totals, column_totals, cells_add_up, groups


@settings(
    max_examples=int(__import__("os").environ.get("SUPPRESSION_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(tables())
def test_no_published_table_lets_a_hidden_number_be_worked_out(drawn):
    counts, row_totals, column_totals, cells_add_up, groups = drawn
    table = suppress_table(
        counts,
        row_totals=row_totals,
        column_totals=column_totals,
        cells_add_up=cells_add_up,
        row_sums=groups,
    )
    shown = [cell for row in table.cells for cell in row] + table.row_totals
    shown += table.column_totals + ([table.grand_total] if table.grand_total else [])
    shown += [total for sums in table.sums for total in sums]
    for cell in shown:
        assert cell.is_hidden or not 0 < cell.value < THRESHOLD, cell
        if cell.is_hidden:
            assert cell.percentage is None
    for row, total in table.rows:
        for cell in row:
            if cell.percentage is not None:
                assert total.value is not None and total.value >= THRESHOLD
    assert_nothing_can_be_worked_out(table, counts, row_totals, column_totals, cells_add_up, groups)
