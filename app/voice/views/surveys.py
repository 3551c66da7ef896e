"""The shopper survey: the prompt after a stamp (a panel on the stamps page), answering or dismissing it
(/<city>/survey), and the marketer's results per month (/<city>/studio/surveys), also on the figures page."""
from datetime import date, timedelta

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.core import clock
from app.core.auth import marketer_required
from app.core.forms import KickForm
from app.core.unit_of_work import unit_of_work
from app.voice.ask_forms import SurveyAnswerForm, SurveyQuestionForm
from app.voice.models import SurveyTopic
from app.voice.services import surveys as service

bp = Blueprint("surveys", __name__)
TREND_MONTHS = 6


def _minimum() -> int:
    return current_app.config["KICK_FIGURES_MIN_PEOPLE"]


def _back():
    return redirect(url_for("loyalty.stamps"), 303)


# ------------------------------------------------------------------ the prompt (after a stamp)


def stamped_panel(visit) -> dict | None:
    """Loyalty's "after a stamp" slot: `visit` is (user, city). Shown only when the rules allow asking."""
    user, city = visit
    if not service.should_ask(user, city):
        return None
    topic = service.topic_for(city, service.month_of(clock.today()))
    return {"topic": topic, "question": service.question_text(city, topic), "scale": list(service.scale_of(topic)),
            "form": SurveyAnswerForm(formdata=None), "dismiss_form": KickForm(formdata=None),
            "nps": topic == SurveyTopic.NPS}


@bp.route("/<city>/survey", methods=["POST"])
def answer():
    form = SurveyAnswerForm()
    if not current_user.is_authenticated:
        abort(401)
    if not form.validate_on_submit():
        abort(422)  # a field sent twice or too long: no person taps that
    score = form.score.data or ""
    with unit_of_work() as work:
        service.answer_survey(current_user, g.city, int(score) if score.isdigit() and len(score) < 3 else score,
                       form.comment.data)
    if work.refused:
        flash(work.problem.detail, "error" if work.status == 422 else "info")
    else:
        flash(_("Thank you! Your answer helps the centre of %(city)s.", city=g.city.name), "success")
    return _back()


@bp.route("/<city>/survey/dismiss", methods=["POST"])
def dismiss():
    if not KickForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        service.dismiss(current_user)
    return _back()


# ------------------------------------------------------------------ results (studio, figures page)


def _month_choices(today: date) -> list[date]:
    this = service.month_of(today)
    return [this, service.month_of(this + timedelta(days=32))]


def _asked_month() -> date:
    raw = request.args.get("month", "")
    if not raw:
        return service.month_of(clock.today())
    try:
        year, month = (int(part) for part in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        abort(404)


@bp.route("/<city>/studio/surveys", methods=["GET", "POST"])
@marketer_required
def results():
    form = SurveyQuestionForm()
    months = _month_choices(clock.today())
    form.month.choices = [(m.isoformat(), format_date(m, "MMMM yyyy")) for m in months]
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            with unit_of_work(form) as work:
                service.set_question(g.city, date.fromisoformat(form.month.data), SurveyTopic(form.topic.data))
            if not work.refused:
                flash(_("Saved."), "success")
                return redirect(url_for(".results"), 303)
            status = work.status
        else:
            status = 422
    month = _asked_month()
    minimum = _minimum()
    planned = [(m, service.topic_for(g.city, m)) for m in months]
    return render_template("voice/studio/survey_results.html", results=service.month_results(g.city, month, minimum),
                           trend=service.nps_by_month(g.city, TREND_MONTHS, minimum), month=month,
                           previous=service.month_of(month - timedelta(days=1)),
                           following=service.month_of(month + timedelta(days=32)), form=form, planned=planned,
                           labels=service.TOPIC_LABELS, topics=SurveyTopic, minimum=minimum,
                           this_month=service.month_of(clock.today())), status


def figures_panel(city) -> dict | None:
    """The figures dashboard's "what shoppers say" block: the NPS of the last months, this month's topics."""
    minimum = _minimum()
    trend, results = service.survey_overview(city, TREND_MONTHS, minimum)
    # The figures page is the studio's: its readers may open the survey page, so the link is always there.
    return {"trend": trend, "results": results, "labels": service.TOPIC_LABELS, "topics": SurveyTopic,
            "minimum": minimum}
