"""API shapes of the figures: shape and length here; the rules (which pages, which hours) in app.figures.services."""
from marshmallow import Schema, fields, validate

from app.figures.models import EventKind
from app.figures.services.footfall import CODE_MAX, COUNT_MAX


# ------------------------------------------------------------------ events (collecting)


class FigureEventSchema(Schema):
    city = fields.String(required=True, validate=validate.Length(min=1, max=40),
                         metadata={"example": "roeselare", "description": "The town's web address (slug)"})
    kind = fields.String(required=True, validate=validate.OneOf([kind.value for kind in EventKind]),
                         metadata={"example": "page_view"})
    ref = fields.String(required=True, validate=validate.Length(min=1, max=40), metadata={
        "example": "shop:12",
        "description": "page_view: home, shops, trails, green, stamps, shop:<id> or trail:<id>; "
                       "trail_start / trail_complete: trail:<id> (a published trail of the town)"})


# ------------------------------------------------------------------ footfall (collecting)


class FootfallRowSchema(Schema):
    point = fields.String(required=True, validate=validate.Length(min=1, max=CODE_MAX),
                          metadata={"example": "OOST-01", "description": "The counting point's code, as in the studio"})
    hour = fields.String(required=True, validate=validate.Length(min=1, max=40), metadata={
        "example": "2026-11-02T14:00:00+01:00",
        "description": "Start of the hour, ISO 8601 with its offset from UTC; not in the future"})
    count = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=COUNT_MAX),
                           metadata={"example": 418, "description": "People counted in that hour"})


class FootfallResultSchema(Schema):
    imported = fields.Integer(metadata={"description": "Hours that were new"})
    replaced = fields.Integer(metadata={"description": "Hours the point had already: their count is replaced"})


# ------------------------------------------------------------------ dashboard (reading)
# The dashboard's query (`from`, `to`) and its answer, as the API documents it: every figure about people
# is `null` where it is hidden (fewer than KICK_FIGURES_MIN_PEOPLE shoppers, or hidden so that such a cell
# cannot be worked out from the rest), and `suppressed` names those cells.
FIGURE = "null: hidden (see `suppressed`) or not available for this period"


class FiguresQuerySchema(Schema):
    start = fields.Date(data_key="from", metadata={"description": "First day (Brussels), YYYY-MM-DD; "
                                                                  "without from and to: the last full month"})
    end = fields.Date(data_key="to", metadata={"description": "Last day, included; at most 366 days after from"})


class PeriodSchema(Schema):
    start = fields.Date(data_key="from", required=True)
    end = fields.Date(data_key="to", required=True)
    kind = fields.String(metadata={"description": "week, month, year or custom"})
    days = fields.Integer()


def _number(description: str) -> fields.Raw:
    """A count (a median of days may be a half); null where hidden or not available."""
    return fields.Raw(allow_none=True, metadata={"type": "number", "nullable": True, "description": description})


class TrioSchema(Schema):
    value = _number(f"The period; {FIGURE}")
    previous = _number("The period before")
    last_year = _number("The same period last year")


class DaySchema(Schema):
    date = fields.Date()
    value = fields.Integer(allow_none=True)
    last_year_date = fields.Date(allow_none=True)
    last_year = fields.Integer(allow_none=True)


class HeatCellSchema(Schema):
    weekday = fields.Integer(metadata={"description": "ISO weekday, 1 = Monday"})
    hour = fields.Integer(metadata={"description": "Hour of the day, Brussels time (0-23)"})
    value = fields.Integer(allow_none=True)


class DayCountsSchema(Schema):
    date = fields.Date()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(allow_none=True),
                         metadata={"description": "per counting point (`point:<id>`) or refusal reason"})


class SeriesSchema(Schema):
    stamps_per_day = fields.List(fields.Nested(DaySchema))
    stamps_by_hour = fields.List(fields.Nested(HeatCellSchema))
    footfall_per_day = fields.List(fields.Nested(DayCountsSchema))
    refusals_per_day = fields.List(fields.Nested(DayCountsSchema))


class RowSchema(Schema):
    key = fields.String(metadata={"description": "trail:<id>, shop:<id>, street:<name>, point:<id> or a reason"})
    name = fields.String()
    kind = fields.String(metadata={"description": "A trail's kind or a shop's category"})
    street = fields.String()
    figures = fields.Dict(keys=fields.String(), values=fields.Nested(TrioSchema))


class MoverSchema(Schema):
    key = fields.String()
    name = fields.String()
    change = fields.Integer(metadata={"description": "Stamps against the period before"})


class MoversSchema(Schema):
    risers = fields.List(fields.Nested(MoverSchema))
    fallers = fields.List(fields.Nested(MoverSchema))


class IndexSchema(Schema):
    metric = fields.String()
    own = fields.Integer(allow_none=True, metadata={"description": "This town: the period against the same "
                                                                   "period last year, x 100"})
    average = fields.Integer(allow_none=True, metadata={"description": "The average index of the live towns "
                                                                       "that have it (null: fewer than 3)"})
    towns = fields.Integer()


class FiguresSchema(Schema):
    period = fields.Nested(PeriodSchema)
    previous = fields.Nested(PeriodSchema)
    last_year = fields.Nested(PeriodSchema)
    through = fields.Date(allow_none=True, metadata={"description": "The last day rolled up"})
    min_people = fields.Integer(metadata={"description": "Figures about fewer shoppers than this are hidden"})
    figures = fields.Dict(keys=fields.String(), values=fields.Nested(TrioSchema),
                          metadata={"description": "stamps, shoppers, returning, new_accounts, rewards, pass_starts, "
                                                   "pass_completions, pass_median_days, pass_rewards, footfall, "
                                                   "page_views, trail_starts, trail_completions, refusals"})
    series = fields.Nested(SeriesSchema)
    trails = fields.List(fields.Nested(RowSchema))
    green_routes = fields.List(fields.Nested(RowSchema))
    shops = fields.List(fields.Nested(RowSchema))
    streets = fields.List(fields.Nested(RowSchema))
    footfall_points = fields.List(fields.Nested(RowSchema))
    refusals = fields.List(fields.Nested(RowSchema))
    movers = fields.Nested(MoversSchema)
    comparison = fields.List(fields.Nested(IndexSchema))
    suppressed = fields.List(fields.String(), metadata={"description": "The hidden cells: <table>.<item>.<period>"})
