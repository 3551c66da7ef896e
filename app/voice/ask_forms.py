"""Forms of the questionnaires and the shopper survey (CSRF through KickForm, sizes limited)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.config import SUPPORTED_LOCALES
from app.core.forms import KickForm, PromptedSelect, TranslatedFields
from app.voice.services.questionnaires import KIND_LABELS, MAX_OPTIONS
from app.voice.services.surveys import COMMENT_MAX, TOPIC_LABELS


class QuestionnaireForm(KickForm):
    title = TranslatedFields(_l("Title"), max_length=120, required=True)
    intro = TranslatedFields(_l("A word to the merchants"), max_length=600, textarea=True)
    closes_on = DateField(_l("Answers until (closing date)"), validators=[InputRequired()])


class QuestionForm(KickForm):
    kind = SelectField(_l("Kind of question"), choices=[(k.value, label) for k, label in KIND_LABELS.items()],
                       validators=[InputRequired()], widget=PromptedSelect())
    text = TranslatedFields(_l("Question"), max_length=200, required=True)
    options = TranslatedFields(_l("Options, one per line (choice questions)"), max_length=1200, textarea=True)


def options_data(form) -> list[dict]:
    """The options as [{locale: text}]: the n-th line of every language is the n-th option."""
    lines = {locale: [line.strip() for line in (form[f"options_{locale}"].data or "").splitlines()]
             for locale in SUPPORTED_LOCALES}
    count = max((len([ln for ln in v if ln]) for v in lines.values()), default=0)
    count = min(count, MAX_OPTIONS + 1)  # one more than allowed, so the service says "too many"
    kept = {locale: [ln for ln in v if ln] for locale, v in lines.items()}
    return [{locale: kept[locale][i] for locale in SUPPORTED_LOCALES if i < len(kept[locale])}
            for i in range(count)]


class SendForm(KickForm):
    """The target: nothing chosen = every merchant of the city (app.voice.services.targeting)."""
    streets = SelectMultipleField(_l("Streets"), choices=[], validate_choice=False)
    categories = SelectMultipleField(_l("Categories"), choices=[], validate_choice=False)
    preview = StringField(validators=[Optional(), Length(max=1)])  # "who will receive it?" (the button's value)


class SurveyQuestionForm(KickForm):
    month = SelectField(_l("Month"), choices=[], validators=[InputRequired()])
    topic = SelectField(_l("Question for that month"), choices=[(t.value, label) for t, label in TOPIC_LABELS.items()],
                        validators=[InputRequired()])


class SurveyAnswerForm(KickForm):
    score = StringField(validators=[Optional(), Length(max=2)])  # the tapped score button's value
    comment = TextAreaField(_l("Anything to add? (optional)"), validators=[Optional(), Length(max=COMMENT_MAX)])


class AnswerForm(KickForm):
    """CSRF and the contact tick; the answers are read per question (q<id>) by the view."""
    may_contact = BooleanField(_l("You may contact me about my answers"))

