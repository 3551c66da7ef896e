"""Questionnaire pages: the studio builds, sends, closes and reads them (/<city>/studio/questionnaires);
merchants answer them and read the results (/merchant/questionnaires)."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.core.forms import KickForm, fill_translated, translated_data
from app.core.problem import ProblemError
from app.core.tenancy import enter_city, get_in_city_or_404
from app.core.unit_of_work import unit_of_work
from app.jobs import enqueue
from app.shops.forms import CATEGORY_LABELS
from app.voice.ask_forms import AnswerForm, QuestionForm, QuestionnaireForm, SendForm, options_data
from app.voice.models import QuestionKind, Questionnaire, QuestionnaireStatus
from app.voice.services import questionnaires as service
from app.voice.services import targeting

studio_bp = Blueprint("questionnaires_studio", __name__)
merchant_bp = Blueprint("questionnaires_merchant", __name__, url_prefix="/merchant")


# ------------------------------------------------------------------ studio


def _values(form) -> dict:
    return {"title": translated_data(form, "title"), "intro": translated_data(form, "intro"),
            "closes_on": form.closes_on.data}


@studio_bp.route("/<city>/studio/questionnaires", methods=["GET", "POST"])
@marketer_required
def index():
    form = QuestionnaireForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            with unit_of_work(form, fields={"title": "title_nl"}) as work:
                questionnaire = service.create_questionnaire(g.city, _values(form), current_actor())
            if not work.refused:
                flash(_("Questionnaire created. Add its questions."), "success")
                return redirect(url_for(".edit", questionnaire_id=questionnaire.id), 303)
            status = work.status
        else:
            status = 422
    return render_template("voice/studio/questionnaire_list.html", form=form,
                           rows=service.questionnaires_of(g.city), state=service.state,
                           statuses=QuestionnaireStatus), status


def _send_form(formdata=None) -> SendForm:
    form = SendForm(formdata=formdata) if formdata is not None else SendForm()
    form.streets.choices = [(s, s) for s in targeting.city_streets(g.city)]
    form.categories.choices = list(CATEGORY_LABELS.items())
    return form


def _edit_page(questionnaire, status=200, *, form=None, question_form=None, send_form=None):
    if form is None:
        form = QuestionnaireForm(formdata=None)
        fill_translated(form, "title", questionnaire.title)
        fill_translated(form, "intro", questionnaire.intro)
        form.closes_on.data = questionnaire.closes_on
    send_form = send_form or _send_form(formdata=None)
    target = targeting.make_target(send_form.streets.data or (), send_form.categories.data or ())
    return render_template("voice/studio/questionnaire_edit.html", questionnaire=questionnaire, form=form,
                           question_form=question_form or QuestionForm(formdata=None), send_form=send_form,
                           preview=targeting.preview(g.city, target), action_form=KickForm(formdata=None),
                           kinds=service.KIND_LABELS, max_questions=service.MAX_QUESTIONS), status


def _results_page(questionnaire):
    results = service.results(questionnaire, for_marketer=True)
    return render_template("voice/studio/questionnaire_results.html", questionnaire=questionnaire,
                           results=results, state=service.state(questionnaire), statuses=QuestionnaireStatus,
                           kinds=QuestionKind, action_form=KickForm(formdata=None),
                           minimum=service.scores.QUESTIONNAIRE_MIN_ANSWERS)


@studio_bp.route("/<city>/studio/questionnaires/<int:questionnaire_id>", methods=["GET", "POST"])
@marketer_required
def edit(questionnaire_id: int):
    questionnaire = get_in_city_or_404(Questionnaire, questionnaire_id, g.city)
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        if request.method == "POST":
            abort(409)
        return _results_page(questionnaire)
    if request.method == "GET":
        return _edit_page(questionnaire)
    form = QuestionnaireForm()
    if not form.validate_on_submit():
        return _edit_page(questionnaire, 422, form=form)
    with unit_of_work(form, fields={"title": "title_nl"}) as work:
        service.update_questionnaire(questionnaire, _values(form))
    if work.refused:
        return _edit_page(questionnaire, work.status, form=form)
    flash(_("Saved."), "success")
    return redirect(url_for(".edit", questionnaire_id=questionnaire.id), 303)


@studio_bp.route("/<city>/studio/questionnaires/<int:questionnaire_id>/questions", methods=["POST"])
@marketer_required
def add_question(questionnaire_id: int):
    questionnaire = get_in_city_or_404(Questionnaire, questionnaire_id, g.city)
    form = QuestionForm()
    if not form.validate_on_submit():
        return _edit_page(questionnaire, 422, question_form=form)
    with unit_of_work(form, fields={"text": "text_nl", "options": "options_nl"}) as work:
        service.add_question(questionnaire, {"kind": form.kind.data, "text": translated_data(form, "text"),
                                             "options": options_data(form)})
    if work.refused:
        return _edit_page(questionnaire, work.status, question_form=form)
    return redirect(url_for(".edit", questionnaire_id=questionnaire.id, _anchor="questions"), 303)


@studio_bp.route("/<city>/studio/questionnaires/<int:questionnaire_id>/questions/<int:question_id>/remove",
                 methods=["POST"])
@marketer_required
def remove_question(questionnaire_id: int, question_id: int):
    questionnaire = get_in_city_or_404(Questionnaire, questionnaire_id, g.city)
    if not KickForm().validate_on_submit():
        abort(400)
    service.remove_question(questionnaire, question_id)
    return redirect(url_for(".edit", questionnaire_id=questionnaire.id, _anchor="questions"), 303)


@studio_bp.route("/<city>/studio/questionnaires/<int:questionnaire_id>/send", methods=["POST"])
@marketer_required
def send(questionnaire_id: int):
    questionnaire = get_in_city_or_404(Questionnaire, questionnaire_id, g.city)
    form = _send_form()
    if not form.validate_on_submit():
        return _edit_page(questionnaire, 422, send_form=form)
    if form.preview.data:  # "who will receive it?" without sending
        with unit_of_work(form) as work:
            targeting.make_target(form.streets.data, form.categories.data)  # a 422 for a street too long
        return _edit_page(questionnaire, work.status, send_form=form)
    with unit_of_work(form) as work:
        count = service.send(questionnaire, form.streets.data, form.categories.data)
    if work.refused:
        if work.status == 409:
            raise work.problem
        return _edit_page(questionnaire, work.status, send_form=form)
    enqueue(service.MAIL_JOB, questionnaire.id, service.answer_link(questionnaire))
    flash(_("Sent to %(n)d merchants.", n=count), "success")
    return redirect(url_for(".edit", questionnaire_id=questionnaire.id), 303)


@studio_bp.route("/<city>/studio/questionnaires/<int:questionnaire_id>/close", methods=["POST"])
@marketer_required
def close(questionnaire_id: int):
    questionnaire = get_in_city_or_404(Questionnaire, questionnaire_id, g.city)
    if not KickForm().validate_on_submit():
        abort(400)
    service.close(questionnaire)
    flash(_("Closed: the results are now shown to the merchants who were asked."), "success")
    return redirect(url_for(".edit", questionnaire_id=questionnaire.id), 303)


# ------------------------------------------------------------------ merchants


@merchant_bp.route("/questionnaires")
@login_required
def my_questionnaires():
    return render_template("voice/merchant/questionnaire_list.html", rows=service.for_merchant(current_user),
                           state=service.state, statuses=QuestionnaireStatus)


def _answers_from_form(questionnaire) -> dict:
    answers = {}
    for question in questionnaire.questions:
        key = f"q{question.id}"
        kind = QuestionKind(question.kind)
        if kind == QuestionKind.MULTIPLE:
            raw = request.form.getlist(key)
            try:
                answers[str(question.id)] = [int(v) for v in raw]
            except ValueError:
                answers[str(question.id)] = raw
        elif kind == QuestionKind.TEXT:
            answers[str(question.id)] = request.form.get(key, "")
        else:
            raw = request.form.get(key, "")
            answers[str(question.id)] = int(raw) if raw.isdigit() and len(raw) < 4 else (raw or None)
    return answers


@merchant_bp.route("/questionnaires/<int:questionnaire_id>", methods=["GET", "POST"])
@login_required
def answer(questionnaire_id: int):
    questionnaire, recipient = service.asked_or_404(current_user, questionnaire_id)
    enter_city(questionnaire.city)
    state = service.state(questionnaire)
    form = AnswerForm()
    status, errors = 200, {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        with unit_of_work() as work:
            service.answer_questionnaire(current_user, questionnaire.id, _answers_from_form(questionnaire),
                                         form.may_contact.data)
        if not work.refused:
            flash(_("Thank you! Your answers are in. You will see the results when the questionnaire closes."),
                  "success")
            return redirect(url_for(".answer", questionnaire_id=questionnaire.id), 303)
        status, errors = work.status, work.problem.errors or {"answers": [work.problem.detail]}
        state = service.state(questionnaire)
    results = service.results(questionnaire, for_marketer=False) if state == QuestionnaireStatus.CLOSED else None
    return render_template("voice/merchant/questionnaire_answer.html", questionnaire=questionnaire,
                           answered=recipient.answered, state=state, statuses=QuestionnaireStatus, form=form,
                           kinds=QuestionKind, errors=errors, given=request.form, results=results,
                           minimum=service.scores.QUESTIONNAIRE_MIN_ANSWERS), status


def merchant_home_panel(user) -> dict | None:
    """On /merchant/: questionnaires waiting for an answer, and results that came back."""
    rows = service.for_merchant(user)
    if not rows:
        return None
    waiting = [q for q, answered in rows if not answered and service.state(q) == QuestionnaireStatus.OPEN]
    results = [q for q, _a in rows if service.state(q) == QuestionnaireStatus.CLOSED][:3]
    if not waiting and not results:
        return None
    return {"waiting": waiting, "results": results}
