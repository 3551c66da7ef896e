"""The questionnaires' and surveys' part of a person's privacy rights.

Personal: the questionnaires someone was asked (and whether they answered: the marker stops a second answer),
the answers they signed by ticking "you may contact me", and when they were last asked the shopper survey.
The deletion removes the markers and the 30-day row and unsigns their answers (they stay, anonymous, in the
results others were promised). Unsigned answers and survey answers name nobody: nothing to export or forget.
"""
from sqlalchemy import delete, select, update

from app.extensions import db
from app.voice.models import Questionnaire, QuestionnaireRecipient, QuestionnaireResponse
from app.voice.services import surveys


def export_user(user) -> dict:
    asked = db.session.execute(select(Questionnaire.id, Questionnaire.title, QuestionnaireRecipient.answered)
                               .join(QuestionnaireRecipient, QuestionnaireRecipient.questionnaire_id == Questionnaire.id)
                               .where(QuestionnaireRecipient.user_id == user.id).order_by(Questionnaire.id)).all()
    signed = db.session.execute(select(QuestionnaireResponse).where(QuestionnaireResponse.contact_user_id == user.id)
                                .order_by(QuestionnaireResponse.id)).scalars().all()
    return {"questionnaires_asked": [{"questionnaire_id": q_id, "title": title, "answered": answered}
                                     for q_id, title, answered in asked],
            "answers_you_signed": [{"questionnaire_id": r.questionnaire_id, "answers": r.answers} for r in signed],
            "survey": surveys.export_user(user)}


def forget_user(user, **kwargs) -> None:
    db.session.execute(delete(QuestionnaireRecipient).where(QuestionnaireRecipient.user_id == user.id))
    db.session.execute(update(QuestionnaireResponse).where(QuestionnaireResponse.contact_user_id == user.id)
                       .values(contact_user_id=None))
    surveys.forget_user(user, **kwargs)
