"""/api/v1 questionnaires and shopper survey answers (issue 16): a marketer sends a questionnaire, a merchant
who was asked answers it once, a shopper answers the survey at most once in 30 days."""
from flask import g
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.accounts.sessions import current_actor
from app.cities.services import visible_city_by_slug
from app.core.auth import marketer_required
from app.core.problem import ProblemError
from app.core.schemas import ProblemSchema, TranslatedText
from app.jobs import enqueue
from app.voice.models import QuestionKind
from app.voice.services import questionnaires as service
from app.voice.services import surveys

blp = Blueprint("ask_api", __name__, description="Merchant questionnaires and shopper surveys")


class QuestionSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in QuestionKind]))
    text = TranslatedText(max_length=200, require_default=True, required=True)
    options = fields.List(TranslatedText(max_length=200), load_default=list, validate=validate.Length(max=10))


class QuestionnaireTargetSchema(Schema):
    streets = fields.List(fields.String(validate=validate.Length(max=120)), load_default=list,
                          validate=validate.Length(max=30))
    categories = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list,
                             validate=validate.Length(max=20))


class QuestionnaireCreateSchema(Schema):
    title = TranslatedText(max_length=120, require_default=True, required=True)
    intro = TranslatedText(max_length=600, load_default=dict)
    closes_on = fields.Date(required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True,
                            validate=validate.Length(min=1, max=service.MAX_QUESTIONS))
    target = fields.Nested(QuestionnaireTargetSchema, load_default=dict)


class QuestionnaireSentSchema(Schema):
    id = fields.Integer()
    status = fields.String()
    closes_on = fields.Date()
    recipients = fields.Integer(metadata={"description": "How many merchants were asked"})
    questions = fields.List(fields.Integer(), metadata={"description": "The questions' ids, in order"})


class AnswersSchema(Schema):
    answers = fields.Dict(keys=fields.String(validate=validate.Length(max=12)), required=True,
                          validate=validate.Length(max=service.MAX_QUESTIONS),
                          metadata={"description": "{question id: 1-10 | option index | [option indexes] | text}"})
    may_contact = fields.Boolean(load_default=False)


class AnswerCreatedSchema(Schema):
    questionnaire = fields.Integer()
    contact = fields.Boolean(metadata={"description": "Whether the city may contact you about it"})


class SurveyAnswerSchema(Schema):
    city = fields.String(required=True, validate=validate.Length(max=60))
    score = fields.Integer(required=True, strict=True)
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class SurveyAnswerCreatedSchema(Schema):
    topic = fields.String()
    month = fields.Date()
    score = fields.Integer()


@blp.route("/cities/<city>/questionnaires", methods=["POST"])
@marketer_required
@blp.arguments(QuestionnaireCreateSchema)
@blp.response(201, QuestionnaireSentSchema)
@blp.alt_response(422, schema=ProblemSchema, description="Invalid questionnaire or target, or nobody in the target")
def create_questionnaire(body):
    """Build a questionnaire and send it to a target (empty: every merchant of the city); each person asked is
    mailed once, through the job queue. Answers are anonymous unless the merchant allows contact."""
    questionnaire = service.create_questionnaire(g.city, body, current_actor())
    target = body.get("target") or {}
    # One transaction: the draft is only flushed, so a refused send (app/errors.py rolls back) leaves nothing.
    count = service.send(questionnaire, target.get("streets", []), target.get("categories", []))
    enqueue(service.MAIL_JOB, questionnaire.id, service.answer_link(questionnaire))
    return {"id": questionnaire.id, "status": questionnaire.status, "closes_on": questionnaire.closes_on,
            "recipients": count, "questions": [q.id for q in questionnaire.questions]}


@blp.route("/merchant/questionnaires/<int:questionnaire_id>/answers", methods=["POST"])
@login_required
@blp.arguments(AnswersSchema)
@blp.response(201, AnswerCreatedSchema)
@blp.alt_response(404, schema=ProblemSchema, description="No questionnaire you were asked")
@blp.alt_response(409, schema=ProblemSchema, description="You answered it already (`code`: already_answered)")
@blp.alt_response(410, schema=ProblemSchema, description="Closed (`code`: questionnaire_closed)")
@blp.alt_response(422, schema=ProblemSchema, description="An answer that does not fit its question")
def answer_questionnaire(body, questionnaire_id):
    """Answer a questionnaire you were asked, once. Anonymous unless `may_contact` is true."""
    response = service.answer_questionnaire(current_actor(), questionnaire_id, body["answers"], body["may_contact"])
    return {"questionnaire": questionnaire_id, "contact": response.contact_user_id is not None}


@blp.route("/survey-answers", methods=["POST"])
@login_required
@blp.arguments(SurveyAnswerSchema)
@blp.response(201, SurveyAnswerCreatedSchema)
@blp.alt_response(409, schema=ProblemSchema, description="Answered or dismissed within 30 days (`code`: survey_recently)")
@blp.alt_response(422, schema=ProblemSchema, description="Unknown town, or a score outside the month's scale")
def answer_survey(body):
    """A shopper's answer to the city's question of the month (the Net Promoter question, 0-10, or a 1-10 mark
    on the month's topic), with an optional comment kept as plain text. Anonymous shoppers too; the answer
    keeps no person, only when they were last asked (for 30 days)."""
    city = visible_city_by_slug(body["city"], current_user)
    if city is None:
        raise ProblemError(422, _("This town does not exist."), code="unknown_city",
                           errors={"city": [_("This town does not exist.")]})
    row = surveys.answer_survey(current_actor(), city, body["score"], body["comment"])
    return {"topic": row.topic, "month": row.month, "score": row.score}
