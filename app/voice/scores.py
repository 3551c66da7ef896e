"""The sums behind the city's listening: Net Promoter Score, averages, distributions, small cells hidden,
and the shopper survey's timing rules. Pure logic (no database, no request), so the studio page, the
figures panel, the merchants' results and the API all show exactly the same numbers.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.suppression import Cell, hidden_cells

NPS_SCALE = range(0, 11)  # "how likely are you to recommend": 0 (not at all) .. 10 (certainly)
REPORT_CARD_SCALE = range(1, 11)  # a school report mark for cleanliness, safety, parking, ...
PROMOTERS = range(9, 11)
DETRACTORS = range(0, 7)
SURVEY_EVERY_DAYS = 30  # a shopper is asked at most once in this many days (an answer or a dismissal)
QUESTIONNAIRE_MIN_ANSWERS = 5  # a merchant questionnaire's breakdown about fewer answers stays hidden


def nps(scores: Iterable[int]) -> int | None:
    """% promoters (9-10) minus % detractors (0-6), rounded to a whole number; None without answers."""
    scores = list(scores)
    if not scores:
        return None
    promoters = sum(1 for s in scores if s in PROMOTERS)
    detractors = sum(1 for s in scores if s in DETRACTORS)
    return round(100 * (promoters - detractors) / len(scores))


def average(scores: Iterable[int]) -> float | None:
    scores = list(scores)
    return round(sum(scores) / len(scores), 1) if scores else None


# Distributions are shown in bands, not per mark: a bar per single mark would mostly be about too few people.
NPS_BANDS = (("0–6", range(0, 7)), ("7–8", range(7, 9)), ("9–10", range(9, 11)))  # detractors, passives, promoters
REPORT_CARD_BANDS = (("1–4", range(1, 5)), ("5–6", range(5, 7)), ("7–8", range(7, 9)), ("9–10", range(9, 11)))


def band_counts(values: Iterable[int], bands) -> list[int]:
    values = list(values)
    return [sum(1 for v in values if v in band) for _label, band in bands]


def counts(values: Iterable[int], scale: Sequence[int]) -> list[int]:
    """How many answers gave each value of the scale, in the scale's order (values outside it are ignored)."""
    tally = {value: 0 for value in scale}
    for value in values:
        if value in tally:
            tally[value] += 1
    return [tally[value] for value in scale]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int | None  # None: hidden (too few people behind it)
    share: float | None  # 0..1 of all answers, None when hidden


def distribution(labels: Sequence[str], tally: Sequence[int], minimum: int, *, people: Sequence[int] | None = None,
                 total: int | None = None) -> list[Bar]:
    """A row of bars with small cells hidden as the figures hide them (app.core.suppression): a bar about
    1 .. minimum-1 people is hidden, and so are the next smallest ones when the total is shown, so a hidden
    bar cannot be worked out from the others. `people` defaults to the counts (one answer, one person)."""
    people = list(tally) if people is None else list(people)
    total = sum(tally) if total is None else total
    hidden = hidden_cells([Cell(value, person) for value, person in zip(tally, people)], minimum)
    return [Bar(label, None if i in hidden else count, None if i in hidden or not total else count / total)
            for i, (label, count) in enumerate(zip(labels, tally))]


def enough(answers: int, minimum: int) -> bool:
    """A breakdown about fewer than `minimum` answers is not shown at all."""
    return answers >= minimum


def survey_due(last_asked: datetime | None, now: datetime, days: int = SURVEY_EVERY_DAYS) -> bool:
    """May a shopper be asked now? Not within `days` of the last time (answered or dismissed)."""
    return last_asked is None or now - last_asked >= timedelta(days=days)


def first_visit(stamps_in_city: int) -> bool:
    """The first stamp a shopper ever collected in this city is their first visit to this centre: never asked
    then (they have not seen the centre yet; a visitor from elsewhere is new here even with stamps at home)."""
    return stamps_in_city <= 1
