"""No figure describes fewer than the minimum number of shoppers, and none can be worked out from the rest."""
from app.core.suppression import Cell, hidden_cells, shown, shown_total

MIN = 10


def test_a_cell_about_three_shoppers_is_hidden_and_one_about_ten_is_shown():
    assert shown([Cell(7, 3), Cell(40, 10)], MIN, total_shown=False) == [None, 40]


def test_cells_about_nobody_or_not_about_people_are_always_shown():
    assert shown([Cell(0, 0), Cell(2, None), Cell(55, 30)], MIN) == [0, 2, 55]


def test_one_hidden_cell_next_to_a_shown_total_takes_the_next_smallest_with_it():
    # Total 100 shown: 100 - 60 - 25 would give the hidden 15 back, so the 25 (the smaller) goes too.
    row = [Cell(15, 4), Cell(60, 30), Cell(25, 12)]
    assert shown(row, MIN) == [None, 60, None]
    assert sum(v for v in shown(row, MIN) if v is not None) == 60  # what is left gives only the pair's sum


def test_two_hidden_cells_that_together_describe_too_few_people_take_a_third():
    row = [Cell(3, 2), Cell(5, 3), Cell(90, 40), Cell(20, 11), Cell(30, 15)]
    assert hidden_cells(row, MIN) == {0, 1, 3}


def test_two_hidden_cells_about_enough_people_together_need_nothing_more():
    row = [Cell(10, 6), Cell(12, 7), Cell(90, 40)]
    assert hidden_cells(row, MIN) == {0, 1}


def test_without_a_shown_total_only_the_small_cells_are_hidden():
    assert hidden_cells([Cell(10, 6), Cell(90, 40), Cell(25, 12)], MIN, total_shown=False) == {0}


def test_zero_cells_do_not_protect_a_hidden_one():
    # Hiding a 0 next to it would not help: the reader may guess it is 0; a real cell goes with it.
    row = [Cell(0, 0), Cell(8, 4), Cell(50, 20), Cell(30, 14)]
    assert hidden_cells(row, MIN) == {1, 3}


def test_a_total_about_too_few_people_is_hidden_too():
    assert shown_total(Cell(9, 6), MIN) is None
    assert shown_total(Cell(90, 25), MIN) == 90
    assert shown_total(Cell(4, None), MIN) == 4


def test_the_minimum_is_a_setting_that_cannot_go_below_five(tmp_path, monkeypatch):
    import pytest

    from app.config import build_config
    monkeypatch.setenv("KICK_FIGURES_MIN_PEOPLE", "20")
    assert build_config(tmp_path)["KICK_FIGURES_MIN_PEOPLE"] == 20
    monkeypatch.setenv("KICK_FIGURES_MIN_PEOPLE", "4")
    with pytest.raises(RuntimeError, match="KICK_FIGURES_MIN_PEOPLE must be 5 or more"):
        build_config(tmp_path)
    monkeypatch.delenv("KICK_FIGURES_MIN_PEOPLE")
    assert build_config(tmp_path)["KICK_FIGURES_MIN_PEOPLE"] == 10
