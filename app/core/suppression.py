"""Small cells stay hidden: no figure may describe fewer than `minimum` different people (shoppers, merchants).

Primary suppression hides every cell about 1 .. minimum-1 people (a cell about nobody, 0, discloses nothing).
Secondary suppression stops a hidden cell from being worked out again from what is shown: when the total of
a row of cells is shown, the hidden cells of that row together must be at least two and describe at least
`minimum` people, so the next smallest cells are hidden too until they do. (People of several cells are
added up: a shopper in two cells counts twice, so the protected group may be smaller than the sum says;
this is why a cell alone is judged by its own distinct count, never by a sum.)
Pure logic: the dashboard, its CSV and the API all hide exactly the same cells.
"""
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    value: int
    people: int | None = None  # different shoppers the cell describes; None: not a figure about people

    @property
    def about_people(self) -> bool:
        return self.people is not None and self.people > 0


def too_small(cell: Cell, minimum: int) -> bool:
    return cell.about_people and cell.people < minimum


def hidden_cells(cells: Sequence[Cell], minimum: int, *, total_shown: bool = True) -> set[int]:
    """Indexes of the cells to hide in one row (a series, a table column) whose total is shown or not."""
    hidden = {i for i, cell in enumerate(cells) if too_small(cell, minimum)}
    if not total_shown or not hidden:
        return hidden
    # Smallest first: each extra cell hidden costs the reader as little as possible.
    candidates = sorted((i for i, cell in enumerate(cells) if cell.about_people and i not in hidden),
                        key=lambda i: (cells[i].people, cells[i].value, i))
    while candidates and (len(hidden) < 2 or sum(cells[i].people for i in hidden) < minimum):
        hidden.add(candidates.pop(0))
    return hidden


def shown(cells: Sequence[Cell], minimum: int, *, total_shown: bool = True) -> list[int | None]:
    """The row as the reader sees it: None where a cell is hidden."""
    hidden = hidden_cells(cells, minimum, total_shown=total_shown)
    return [None if i in hidden else cell.value for i, cell in enumerate(cells)]


def shown_total(total: Cell, minimum: int) -> int | None:
    return None if too_small(total, minimum) else total.value
