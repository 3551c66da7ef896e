"""Merchant questionnaires: build, send to a target (the one rule of app.voice.services.targeting), answer
once, close, and the results the asked merchants get back.

Anonymity: the city learns what was said, not who said it. A person asked has a `QuestionnaireRecipient`
row whose `answered` marker (no time, no link to the answer) only stops a second answer; the answer itself
(`QuestionnaireResponse`) names the merchant only when they ticked "you may contact me".
A questionnaire is closed when the marketer closes it or once its closing date (a Brussels day) has passed;
then its results are published to the people who were asked: counts, averages and distributions, each
breakdown hidden below QUESTIONNAIRE_MIN_ANSWERS answers; short texts go to the marketer only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.core import clock, dates, mail
from app.core.i18n import translate
from app.core.problem import ProblemError, not_found
from app.core.urls import external_url
from app.extensions import db
from app.voice import scores
from app.voice.models import (QuestionKind, Questionnaire, QuestionnaireQuestion, QuestionnaireRecipient,
                              QuestionnaireResponse, QuestionnaireStatus)

MAX_QUESTIONS = 20
MAX_OPTIONS = 10
TEXT_ANSWER_MAX = 500
MAIL_JOB = "app.voice.services.questionnaires:mail_recipients"
KIND_LABELS = {QuestionKind.SCORE: _l("Score from 1 to 10"), QuestionKind.SINGLE: _l("One choice"),
               QuestionKind.MULTIPLE: _l("Several choices"), QuestionKind.TEXT: _l("Short text")}
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _refuse(field_name: str, message: str, status: int = 422):
    raise ProblemError(status, message, code="invalid_questionnaire", errors={field_name: [message]})


def is_closed(questionnaire: Questionnaire, today: date | None = None) -> bool:
    """Closed by the marketer, or its closing date is over (answers are taken through that Brussels day)."""
    if questionnaire.status == QuestionnaireStatus.CLOSED:
        return True
    return questionnaire.status == QuestionnaireStatus.OPEN and questionnaire.closes_on < (today or clock.today())


def state(questionnaire: Questionnaire) -> QuestionnaireStatus:
    if is_closed(questionnaire):
        return QuestionnaireStatus.CLOSED
    return QuestionnaireStatus(questionnaire.status)


# ------------------------------------------------------------------ building (the studio)


def _check_question(values: dict) -> dict:
    try:
        kind = QuestionKind(values.get("kind"))
    except ValueError:
        _refuse("kind", _("Choose the kind of question."))
    text = {k: v.strip() for k, v in (values.get("text") or {}).items() if v and v.strip()}
    if not text:
        _refuse("text", _("Write the question."))
    options = [{k: v.strip() for k, v in option.items() if v and v.strip()} for option in values.get("options") or []]
    options = [option for option in options if option]
    if kind in CHOICE_KINDS:
        if not 2 <= len(options) <= MAX_OPTIONS:
            _refuse("options", _("Give between 2 and %(n)d options.", n=MAX_OPTIONS))
    else:
        options = []
    return {"kind": kind.value, "text": text, "options": options}


def _check_closing(closes_on) -> date:
    if not isinstance(closes_on, date):
        _refuse("closes_on", _("Give a closing date."))
    if closes_on < clock.today():
        _refuse("closes_on", _("The closing date cannot be in the past."))
    return closes_on


def create_questionnaire(city, values: dict, author) -> Questionnaire:
    """A draft: {title, intro, closes_on, questions: [{kind, text, options}]} (questions may follow later)."""
    title = {k: v for k, v in (values.get("title") or {}).items() if v}
    if not title:
        _refuse("title", _("Give the questionnaire a title."))
    questions = [_check_question(q) for q in values.get("questions") or []]
    if len(questions) > MAX_QUESTIONS:
        _refuse("questions", _("A questionnaire has at most %(n)d questions.", n=MAX_QUESTIONS))
    questionnaire = Questionnaire(city_id=city.id, title=title, intro=values.get("intro") or {},
                                  closes_on=_check_closing(values.get("closes_on")),
                                  author_id=getattr(author, "id", None), status=QuestionnaireStatus.DRAFT.value,
                                  target={"streets": [], "categories": []})
    questionnaire.questions = [QuestionnaireQuestion(position=i, **q) for i, q in enumerate(questions)]
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def _draft(questionnaire: Questionnaire) -> None:
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ProblemError(409, _("This questionnaire has been sent: its questions can no longer change."),
                           code="questionnaire_sent")


def update_questionnaire(questionnaire: Questionnaire, values: dict) -> None:
    _draft(questionnaire)
    title = {k: v for k, v in (values.get("title") or {}).items() if v}
    if not title:
        _refuse("title", _("Give the questionnaire a title."))
    questionnaire.title, questionnaire.intro = title, values.get("intro") or {}
    questionnaire.closes_on = _check_closing(values.get("closes_on"))
    db.session.commit()


def add_question(questionnaire: Questionnaire, values: dict) -> QuestionnaireQuestion:
    _draft(questionnaire)
    if len(questionnaire.questions) >= MAX_QUESTIONS:
        _refuse("text", _("A questionnaire has at most %(n)d questions.", n=MAX_QUESTIONS), 409)
    checked = _check_question(values)
    question = QuestionnaireQuestion(position=len(questionnaire.questions), **checked)
    questionnaire.questions.append(question)
    db.session.commit()
    return question


def remove_question(questionnaire: Questionnaire, question_id: int) -> None:
    _draft(questionnaire)
    question = next((q for q in questionnaire.questions if q.id == question_id), None)
    if question is None:
        raise not_found()
    questionnaire.questions.remove(question)
    for i, remaining in enumerate(questionnaire.questions):
        remaining.position = i
    db.session.commit()


def questionnaires_of(city) -> list[tuple[Questionnaire, int, int]]:
    """The city's questionnaires, newest first, with (people asked, answers): four queries in all."""
    rows = list(db.session.execute(select(Questionnaire).where(Questionnaire.city_id == city.id)
                                   .options(selectinload(Questionnaire.questions)).order_by(Questionnaire.created_at.desc(), Questionnaire.id.desc())).scalars())
    ids = [q.id for q in rows]
    asked = dict(db.session.execute(select(QuestionnaireRecipient.questionnaire_id, func.count())
                                    .where(QuestionnaireRecipient.questionnaire_id.in_(ids))
                                    .group_by(QuestionnaireRecipient.questionnaire_id)).all()) if ids else {}
    answers = dict(db.session.execute(select(QuestionnaireResponse.questionnaire_id, func.count())
                                      .where(QuestionnaireResponse.questionnaire_id.in_(ids))
                                      .group_by(QuestionnaireResponse.questionnaire_id)).all()) if ids else {}
    return [(q, asked.get(q.id, 0), answers.get(q.id, 0)) for q in rows]


# ------------------------------------------------------------------ sending and closing


def send(questionnaire: Questionnaire, streets=(), categories=()) -> int:
    """Send a draft to a target (app.voice.services.targeting, the rule news uses): one row per person, each
    mailed once after the commit through the job queue (`mail_recipients`; the caller enqueues it).
    Returns how many people were asked."""
    from app.voice.services import targeting
    _draft(questionnaire)
    target = targeting.make_target(streets, categories)
    if not questionnaire.questions:
        message = _("Add at least one question before sending.")
        raise ProblemError(422, message, code="no_questions", errors={"target": [message]})
    _check_closing(questionnaire.closes_on)
    people = targeting.recipient_ids(questionnaire.city, target)
    if not people:
        message = _("Nobody matches this target.")
        raise ProblemError(422, message, code="no_recipients", errors={"target": [message]})
    questionnaire.target = target.as_json()
    questionnaire.status = QuestionnaireStatus.OPEN.value
    questionnaire.sent_at = clock.now()
    db.session.add_all(QuestionnaireRecipient(questionnaire_id=questionnaire.id, user_id=user_id)
                       for user_id in people)
    db.session.commit()
    return len(people)


def answer_link(questionnaire: Questionnaire) -> str:
    """The mailed link to the answer page; made where the questionnaire is sent (a request or a CLI command
    knows the public address), handed to the job."""
    return external_url("questionnaires_merchant.answer", questionnaire_id=questionnaire.id)


def mail_recipients(questionnaire_id: int, link: str) -> None:
    """Job: mail every person asked who has not been mailed yet, in their language. A recipient is marked
    mailed in the same commit as their mail is queued, so a retried job never mails anyone twice."""
    questionnaire = db.session.get(Questionnaire, questionnaire_id)
    if questionnaire is None or questionnaire.status != QuestionnaireStatus.OPEN:
        return
    city = questionnaire.city
    rows = db.session.execute(select(QuestionnaireRecipient).where(
        QuestionnaireRecipient.questionnaire_id == questionnaire.id, QuestionnaireRecipient.mailed.is_(False))
        .options(selectinload(QuestionnaireRecipient.user))).scalars().all()
    for row in rows:
        user = row.user
        row.mailed = True
        if not user.email:
            continue
        with mail.in_language_of(user, city):
            title = translate(questionnaire.title, mail.language_of(user, city), fallback=city.default_locale)
            closes = dates.local_date_text(questionnaire.closes_on, "year")
            mail.queue(mail.compose(user.email, _("%(city)s asks your opinion: %(title)s", city=city.name, title=title), [
                _("The city team of %(city)s would like to hear from you. It takes a few minutes.", city=city.name),
                _("Your answers are anonymous unless you tick \"you may contact me\". You will see the results.")
                , "", _("Answer before %(date)s:", date=closes), link], city=city))
    db.session.commit()


def close(questionnaire: Questionnaire) -> None:
    if questionnaire.status == QuestionnaireStatus.DRAFT:
        raise ProblemError(409, _("This questionnaire has not been sent yet."), code="questionnaire_draft")
    if questionnaire.status == QuestionnaireStatus.CLOSED:
        raise ProblemError(409, _("This questionnaire is already closed."), code="questionnaire_closed")
    questionnaire.status = QuestionnaireStatus.CLOSED.value
    questionnaire.closed_at = clock.now()
    db.session.commit()


# ------------------------------------------------------------------ merchants: answering


def asked_or_404(user, questionnaire_id: int) -> tuple[Questionnaire, QuestionnaireRecipient]:
    """A questionnaire `user` was asked, with their recipient row; anyone else gets a 404."""
    row = db.session.execute(select(QuestionnaireRecipient).where(
        QuestionnaireRecipient.questionnaire_id == questionnaire_id,
        QuestionnaireRecipient.user_id == user.id)).scalar_one_or_none()
    if row is None:
        raise not_found()
    return db.session.get(Questionnaire, questionnaire_id), row


def _check_answer(question: QuestionnaireQuestion, value):
    """The stored form of one answer, or None when it was left empty (every question is optional)."""
    kind, n = QuestionKind(question.kind), len(question.options)
    key = f"q{question.id}"
    if value in (None, "", []):
        return None
    if kind == QuestionKind.SCORE:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            _refuse(key, _("Give a score from 1 to 10."))
        return value
    if kind == QuestionKind.SINGLE:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < n:
            _refuse(key, _("Choose one of the options."))
        return value
    if kind == QuestionKind.MULTIPLE:
        if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < n
                                              for v in value):
            _refuse(key, _("Choose among the options."))
        return sorted(set(value))
    if not isinstance(value, str):
        _refuse(key, _("Write a short text."))
    text = scores_plain(value)
    if len(text) > TEXT_ANSWER_MAX:
        _refuse(key, _("At most %(n)d characters.", n=TEXT_ANSWER_MAX))
    return text or None


def scores_plain(text: str) -> str:
    from app.voice.services.surveys import plain_text
    return plain_text(text)


def answer_questionnaire(user, questionnaire_id: int, answers: dict, may_contact: bool) -> QuestionnaireResponse:
    """Store one merchant's answers: {question id: value}. Not asked: 404; answered before: 409; closed: 410."""
    questionnaire, recipient = asked_or_404(user, questionnaire_id)
    if is_closed(questionnaire):
        raise ProblemError(410, _("This questionnaire is closed: answers are no longer taken."),
                           code="questionnaire_closed")
    if recipient.answered:
        raise ProblemError(409, _("You have already answered this questionnaire. Thank you!"),
                           code="already_answered")
    known = {str(q.id): q for q in questionnaire.questions}
    unknown = [key for key in answers if str(key) not in known]
    if unknown:
        _refuse("answers", _("Unknown question: %(id)s", id=unknown[0]))
    stored = {}
    for key, question in known.items():
        value = _check_answer(question, answers.get(key, answers.get(int(key))))
        if value is not None:
            stored[key] = value
    if not stored:
        _refuse("answers", _("Answer at least one question."))
    # Only the marker is set on the person's row: the answer row is not linked to it, so the city can see
    # who answered (to stop a second answer) but not what they said, unless they allowed contact.
    claimed = db.session.execute(update(QuestionnaireRecipient).where(
        QuestionnaireRecipient.id == recipient.id, QuestionnaireRecipient.answered.is_(False))
        .values(answered=True)).rowcount
    if not claimed:  # a second tab that was quicker
        raise ProblemError(409, _("You have already answered this questionnaire. Thank you!"),
                           code="already_answered")
    response = QuestionnaireResponse(questionnaire_id=questionnaire.id, answers=stored,
                                     contact_user_id=user.id if may_contact else None)
    db.session.add(response)
    db.session.commit()
    return response


def for_merchant(user) -> list[tuple[Questionnaire, bool]]:
    """The questionnaires `user` was asked (open ones to answer, closed ones with results), newest first."""
    rows = db.session.execute(select(Questionnaire, QuestionnaireRecipient.answered).join(
        QuestionnaireRecipient, QuestionnaireRecipient.questionnaire_id == Questionnaire.id)
        .where(QuestionnaireRecipient.user_id == user.id).order_by(Questionnaire.sent_at.desc())).all()
    return [(q, answered) for q, answered in rows]


# ------------------------------------------------------------------ results


@dataclass
class QuestionResult:
    question: QuestionnaireQuestion
    answers: int  # how many answered this question
    shown: bool  # enough answers for a breakdown
    average: float | None = None
    bars: list = field(default_factory=list)  # scores.Bar
    texts: list[str] = field(default_factory=list)  # short texts: the marketer's view only


@dataclass
class Results:
    questionnaire: Questionnaire
    asked: int
    responses: int
    questions: list[QuestionResult]
    contacts: list = field(default_factory=list)  # people who allowed contact (the marketer's view only)


def results(questionnaire: Questionnaire, *, for_marketer: bool, locale: str | None = None) -> Results:
    minimum = scores.QUESTIONNAIRE_MIN_ANSWERS
    responses = db.session.execute(select(QuestionnaireResponse).where(
        QuestionnaireResponse.questionnaire_id == questionnaire.id).order_by(QuestionnaireResponse.id)).scalars().all()
    asked = db.session.execute(select(func.count()).select_from(QuestionnaireRecipient).where(
        QuestionnaireRecipient.questionnaire_id == questionnaire.id)).scalar_one()
    out = []
    for question in questionnaire.questions:
        values = [r.answers[str(question.id)] for r in responses if str(question.id) in r.answers]
        result = QuestionResult(question, len(values), scores.enough(len(values), minimum))
        kind = QuestionKind(question.kind)
        if kind == QuestionKind.TEXT:
            result.shown = for_marketer
            result.texts = values if for_marketer else []
        elif result.shown:
            if kind == QuestionKind.SCORE:
                bands = scores.REPORT_CARD_BANDS
                result.average = scores.average(values)
                result.bars = scores.distribution([label for label, _b in bands], scores.band_counts(values, bands),
                                                  minimum)
            else:
                labels = [translate(option, locale) for option in question.options]
                chosen = [v for value in values for v in (value if isinstance(value, list) else [value])]
                tally = scores.counts(chosen, range(len(labels)))
                # Several choices: bars do not add up to a total, so each bar is judged on its own.
                result.bars = scores.distribution(labels, tally, minimum, total=len(values)) \
                    if kind == QuestionKind.SINGLE else _own_bars(labels, tally, len(values), minimum)
        out.append(result)
    contacts = []
    if for_marketer:
        from app.accounts.models import User
        ids = [r.contact_user_id for r in responses if r.contact_user_id]
        contacts = db.session.execute(select(User).where(User.id.in_(ids))).scalars().all() if ids else []
    return Results(questionnaire, asked, len(responses), out, contacts)


def _own_bars(labels, tally, total, minimum):
    return [scores.Bar(label, None if 0 < count < minimum else count,
                       None if 0 < count < minimum or not total else count / total)
            for label, count in zip(labels, tally)]
