"""Shopper micro-surveys: one question about the centre after a stamp, at most once in 30 days per shopper
and never on their first visit to this centre (their first stamp in the city), and the results per month.

The question: the Net Promoter question (0-10, "how likely are you to recommend the centre of <city>?"), or the
report-card mark (1-10) on a topic the marketer set for the month. An answer (`SurveyAnswer`) keeps the city,
the month, the topic, the score and an optional comment in plain text: never the person. The 30-day rule needs
one row per person (`SurveyAsk`: when they were last asked, answered or dismissed); it is useless after 30 days,
so the retention purge removes it then, and the person's export shows it and their deletion removes it.
Results hide a month with fewer answers than the figures' threshold (KICK_FIGURES_MIN_PEOPLE): an answer is
one person.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import nh3
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from app.core import clock
from app.core.problem import ProblemError
from app.extensions import db
from app.loyalty.models import Stamp
from app.voice import scores
from app.voice.models import SurveyAnswer, SurveyAsk, SurveyQuestion, SurveyTopic

COMMENT_MAX = 500
TOPIC_LABELS = {
    SurveyTopic.NPS: _l("Recommend the centre (Net Promoter)"),
    SurveyTopic.CLEANLINESS: _l("Cleanliness"),
    SurveyTopic.SAFETY: _l("Safety"),
    SurveyTopic.PARKING: _l("Parking"),
    SurveyTopic.OFFER: _l("Shops and offer"),
    SurveyTopic.ATMOSPHERE: _l("Atmosphere"),
    SurveyTopic.ACCESSIBILITY: _l("Getting there"),
}
_SPACE = re.compile(r"\s+")


def plain_text(text: str | None) -> str:
    """User text as plain text: tags dropped (nh3), entities read back, control characters and runs of
    spaces made single spaces. Shown escaped, like every text, by the templates."""
    cleaned = html.unescape(nh3.clean(text or "", tags=set()))
    return _SPACE.sub(" ", "".join(ch if ch.isprintable() else " " for ch in cleaned)).strip()


def month_of(day: date) -> date:
    return day.replace(day=1)


def topic_for(city, month: date) -> SurveyTopic:
    topic = db.session.execute(select(SurveyQuestion.topic).where(
        SurveyQuestion.city_id == city.id, SurveyQuestion.month == month)).scalar_one_or_none()
    return SurveyTopic(topic) if topic else SurveyTopic.NPS


def question_text(city, topic: SurveyTopic) -> str:
    if topic == SurveyTopic.NPS:
        return _("How likely are you to recommend the centre of %(city)s to a friend?", city=city.name)
    return _("What mark do you give the centre of %(city)s for: %(topic)s?", city=city.name,
             topic=str(TOPIC_LABELS[topic]).lower())


def scale_of(topic: SurveyTopic) -> range:
    return scores.NPS_SCALE if topic == SurveyTopic.NPS else scores.REPORT_CARD_SCALE


def _last_asked(user):
    return db.session.execute(select(SurveyAsk.asked_at).where(SurveyAsk.user_id == user.id)).scalar_one_or_none()


def should_ask(user, city) -> bool:
    """After a stamp: is this the moment to ask? Never the first stamp in this city, at most once in 30 days."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not scores.survey_due(_last_asked(user), clock.now()):
        return False
    stamps = db.session.execute(select(func.count()).select_from(Stamp).where(
        Stamp.user_id == user.id, Stamp.city_id == city.id)).scalar_one()
    return not scores.first_visit(stamps)


def _mark_asked(user) -> None:
    row = db.session.get(SurveyAsk, user.id)
    if row is None:
        db.session.add(SurveyAsk(user_id=user.id, asked_at=clock.now()))
    else:
        row.asked_at = clock.now()


def _not_again(user) -> None:
    if not scores.survey_due(_last_asked(user), clock.now()):
        raise ProblemError(409, _("Thank you, you already gave your opinion this month. We ask again in a while."),
                           code="survey_recently")


def answer_survey(user, city, score, comment: str | None = None) -> SurveyAnswer:
    """One shopper's answer to this month's question: 201; within 30 days of the last time: 409."""
    _not_again(user)
    topic = topic_for(city, month_of(clock.today()))
    scale = scale_of(topic)
    if isinstance(score, bool) or not isinstance(score, int) or score not in scale:
        message = _("Choose a score from %(low)d to %(high)d.", low=scale[0], high=scale[-1])
        raise ProblemError(422, message, code="invalid_score", errors={"score": [message]})
    text = plain_text(comment)
    if len(text) > COMMENT_MAX:
        message = _("At most %(n)d characters.", n=COMMENT_MAX)
        raise ProblemError(422, message, code="comment_too_long", errors={"comment": [message]})
    row = SurveyAnswer(city_id=city.id, month=month_of(clock.today()), topic=topic.value, score=score,
                       comment=text or None)
    db.session.add(row)
    _mark_asked(user)
    db.session.commit()
    return row


def dismiss(user) -> None:
    """"Not now": counts as asked for the 30 days (a second dismissal changes nothing)."""
    if scores.survey_due(_last_asked(user), clock.now()):
        _mark_asked(user)
        db.session.commit()


def set_question(city, month: date, topic: SurveyTopic) -> None:
    """The marketer's question for a month; the Net Promoter question removes the month's own question."""
    month = month_of(month)
    row = db.session.execute(select(SurveyQuestion).where(SurveyQuestion.city_id == city.id,
                                                          SurveyQuestion.month == month)).scalar_one_or_none()
    if topic == SurveyTopic.NPS:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(SurveyQuestion(city_id=city.id, month=month, topic=topic.value))
    else:
        row.topic = topic.value
    db.session.commit()


# ------------------------------------------------------------------ results


@dataclass
class TopicResult:
    topic: SurveyTopic
    answers: int
    shown: bool
    nps: int | None = None
    average: float | None = None
    promoters: float | None = None
    detractors: float | None = None
    bars: list = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class MonthResults:
    month: date
    minimum: int
    topics: list[TopicResult]


def month_results(city, month: date, minimum: int, *, with_comments: bool = True) -> MonthResults:
    """Every topic answered in the city that month (NPS first), small months hidden; one query."""
    rows = db.session.execute(select(SurveyAnswer.topic, SurveyAnswer.score, SurveyAnswer.comment).where(
        SurveyAnswer.city_id == city.id, SurveyAnswer.month == month_of(month)).order_by(SurveyAnswer.id)).all()
    return _summarise(rows, month, minimum, with_comments)


def _summarise(rows, month: date, minimum: int, with_comments: bool) -> MonthResults:
    by_topic: dict[str, list] = {}
    for topic, score, comment in rows:
        by_topic.setdefault(topic, []).append((score, comment))
    order = list(SurveyTopic)
    results = []
    for topic in sorted(by_topic, key=lambda t: order.index(SurveyTopic(t))):
        answers = by_topic[topic]
        values = [score for score, _c in answers]
        result = TopicResult(SurveyTopic(topic), len(values), scores.enough(len(values), minimum))
        if result.shown:
            bands = scores.NPS_BANDS if result.topic == SurveyTopic.NPS else scores.REPORT_CARD_BANDS
            result.average = scores.average(values)
            result.bars = scores.distribution([label for label, _b in bands], scores.band_counts(values, bands),
                                              minimum)
            if result.topic == SurveyTopic.NPS:
                result.nps = scores.nps(values)  # an aggregate of the whole month, like the average
                # the shares of promoters and detractors are bars: shown only when their bar is
                detractors, _passives, promoters = result.bars
                result.promoters = promoters.share
                result.detractors = detractors.share
            if with_comments:
                result.comments = [comment for _s, comment in answers if comment]
        results.append(result)
    return MonthResults(month_of(month), minimum, results)


def _last_months(months: int) -> list[date]:
    starts = [month_of(clock.today())]
    for _i in range(months - 1):
        starts.append(month_of(starts[-1] - timedelta(days=1)))
    return list(reversed(starts))


def _trend(rows, starts: list[date], minimum: int) -> list[tuple[date, int, int | None]]:
    per_month: dict[date, list[int]] = {}
    for month, topic, score in rows:
        if topic == SurveyTopic.NPS.value:
            per_month.setdefault(month, []).append(score)
    out = []
    for month in starts:
        values = per_month.get(month, [])
        out.append((month, len(values), scores.nps(values) if scores.enough(len(values), minimum) else None))
    return out


def nps_by_month(city, months: int, minimum: int) -> list[tuple[date, int, int | None]]:
    """The last `months` months (this one included): (month, answers, NPS or None when too few); one query."""
    starts = _last_months(months)
    rows = db.session.execute(select(SurveyAnswer.month, SurveyAnswer.topic, SurveyAnswer.score).where(
        SurveyAnswer.city_id == city.id, SurveyAnswer.topic == SurveyTopic.NPS.value,
        SurveyAnswer.month >= starts[0])).all()
    return _trend(rows, starts, minimum)


def survey_overview(city, months: int, minimum: int) -> tuple[list, MonthResults]:
    """The NPS trend and this month's results without comments (the figures page), in one query."""
    starts = _last_months(months)
    rows = db.session.execute(select(SurveyAnswer.month, SurveyAnswer.topic, SurveyAnswer.score).where(
        SurveyAnswer.city_id == city.id, SurveyAnswer.month >= starts[0]).order_by(SurveyAnswer.id)).all()
    this_month = [(topic, score, None) for month, topic, score in rows if month == starts[-1]]
    return _trend(rows, starts, minimum), _summarise(this_month, starts[-1], minimum, False)


# ------------------------------------------------------------------ privacy


def export_user(user) -> dict:
    asked = _last_asked(user)
    return {"note": _("Survey answers are anonymous: they keep the city, the month, the score and the comment, "
                      "never who gave them. Only when you were last asked is kept, so that we ask at most once in "
                      "30 days; it is removed after those 30 days."),
            "last_asked_at": asked.isoformat() if asked else None}


def forget_user(user, **_kwargs) -> None:
    db.session.execute(delete(SurveyAsk).where(SurveyAsk.user_id == user.id))


def purge_report(older_than_days: int) -> list[str]:
    """The 30-day markers are useless after 30 days: removed then (or sooner if a shorter period is asked)."""
    days = min(older_than_days, scores.SURVEY_EVERY_DAYS)
    cutoff = clock.now() - timedelta(days=days)
    removed = db.session.execute(delete(SurveyAsk).where(SurveyAsk.asked_at < cutoff)
                                 .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return [f"Survey markers before {cutoff:%Y-%m-%d %H:%M} UTC ({days} days): {removed} removed"]
