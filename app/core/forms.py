"""WTForms pieces shared by the features: the base form, and a translated text as one form field per language.

Every HTML form derives from `KickForm` (Flask-WTF: CSRF, limits), which also refuses a field sent more
than once where it takes one value (a hostile or broken client), instead of silently keeping the first.

    class TrailForm(FlaskForm):
        title = TranslatedFields(_l("Title"), max_length=120, required=True)

gives the form `title_nl`, `title_en`, `title_fr`, `title_de` (SUPPORTED_LOCALES) at that place in
the field order (error lists follow it); `translated_data(form, "title")` reads them back as
{locale: text} and `fill_translated(form, "title", values)` shows stored text in them.
"""
from collections.abc import Iterator, Mapping

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from markupsafe import Markup, escape
from wtforms import (FieldList, FormField, MultipleFileField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import Select

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES


SENT_TWICE = _l("This field was sent more than once. Reload the page and try again.")


CHOOSE = _l("Choose…")


class PromptedSelect(Select):
    """A required select starts with an empty choice ("Choose…"), so nobody sends the first shop or town
    of the list without having picked it (and the W3C checker's rule for required selects holds)."""

    def __call__(self, field, **kwargs):
        html = super().__call__(field, **kwargs)
        choices = list(field._iter_choices_normalized()) if not field.has_groups() else []
        if choices and str(choices[0].value) == "":
            return html  # the form gives its own empty choice, with its own words
        chosen = any(choice.selected for choice in choices)
        prompt = Markup('<option value=""%s>%s</option>') % (Markup("" if chosen else " selected"), escape(CHOOSE))
        start = html.index(">") + 1
        return Markup(html[:start]) + prompt + Markup(html[start:])


class KickForm(FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            if (isinstance(field, SelectField) and not isinstance(field, SelectMultipleField)
                    and field.flags.required and type(field.widget) is Select):
                field.widget = PromptedSelect()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._refuse_repeated_fields() and valid

    def _refuse_repeated_fields(self) -> bool:
        ok = True
        for field in _single_value_fields(self):
            if len(request.form.getlist(field.name)) + len(request.files.getlist(field.name)) > 1:
                field.errors = [*field.errors, str(SENT_TWICE)]
                ok = False
        return ok


def _single_value_fields(fields) -> Iterator:
    for field in fields:
        if isinstance(field, FormField):
            yield from _single_value_fields(field.form)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                yield from _single_value_fields([entry])
        elif not isinstance(field, (SelectMultipleField, MultipleFileField)):
            yield field


class TranslatedFields:
    """In a form class body: one field per locale, `<name>_<locale>`. `label` is one label for every
    language or a {locale: label} mapping; with `required` the Dutch text must be filled in (the
    others never are), and every language has the same `max_length`."""

    def __init__(self, label, *, max_length: int, textarea: bool = False, required: bool = False):
        field_cls = TextAreaField if textarea else StringField
        # Made here, in the class body, so that the fields keep this place in the form's order.
        self.fields = {}
        for locale in SUPPORTED_LOCALES:
            needed = required and locale == DEFAULT_LOCALE
            validators = [DataRequired() if needed else Optional(), Length(max=max_length)]
            text = label[locale] if isinstance(label, Mapping) else label
            self.fields[locale] = field_cls(text, validators=validators)

    def __set_name__(self, form_cls, name: str) -> None:
        delattr(form_cls, name)  # the form has the per-locale fields, not this placeholder
        for locale, field in self.fields.items():
            setattr(form_cls, f"{name}_{locale}", field)


def translated_data(form, name: str) -> dict[str, str]:
    """{locale: text} of the filled-in languages, stripped; a blank field is left out."""
    values = {}
    for locale in SUPPORTED_LOCALES:
        text = (form[f"{name}_{locale}"].data or "").strip()
        if text:
            values[locale] = text
    return values


def fill_translated(form, name: str, values: dict | None) -> None:
    """Show stored {locale: text} in the fields (a missing language is an empty field)."""
    for locale in SUPPORTED_LOCALES:
        form[f"{name}_{locale}"].data = (values or {}).get(locale, "")


class ImportFileForm(KickForm):
    """One file to import (the studio's CSV and GPX imports); the page sets the `accept` attribute."""
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to import."))])
