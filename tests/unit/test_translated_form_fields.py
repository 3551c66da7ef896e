"""TranslatedFields / translated_data / fill_translated: a translated text as one form field per language
(app.core.forms), as the trail, shop, stamp card, city pass and theme forms use it."""
from werkzeug.datastructures import MultiDict
from wtforms import Form, IntegerField

from app.core.forms import TranslatedFields, fill_translated, translated_data


class NoteForm(Form):
    title = TranslatedFields("Title", max_length=10, required=True)
    count = IntegerField("Count")
    body = TranslatedFields({"nl": "Tekst (NL)", "en": "Text (EN)", "fr": "Texte (FR)", "de": "Text (DE)"},
                            max_length=20, textarea=True)


def test_one_field_per_supported_language_in_place_with_its_label():
    form = NoteForm()
    assert [f.name for f in form] == ["title_nl", "title_en", "title_fr", "title_de", "count",
                                      "body_nl", "body_en", "body_fr", "body_de"]
    assert not hasattr(NoteForm, "title")
    assert form.title_fr.label.text == "Title" and form.body_de.label.text == "Text (DE)"
    assert form.body_en.type == "TextAreaField" and form.title_en.type == "StringField"
    assert form.title_nl.flags.required and not form.title_en.flags.required and not form.body_nl.flags.required


def test_read_back_as_text_per_language_stripped_without_blank_ones():
    form = NoteForm(MultiDict({"title_nl": " Markt ", "title_en": "   ", "body_fr": "Place"}))
    assert form.validate()
    assert translated_data(form, "title") == {"nl": "Markt"}
    assert translated_data(form, "body") == {"fr": "Place"}


def test_dutch_is_required_only_where_asked_and_every_language_has_the_limit():
    form = NoteForm(MultiDict({"title_en": "Market", "title_de": "Marktplatz!"}))
    assert not form.validate()
    assert set(form.errors) == {"title_nl", "title_de"}


def test_fill_shows_stored_text_and_empties_missing_languages():
    form = NoteForm(MultiDict({"body_en": "old"}))
    fill_translated(form, "body", {"nl": "Hier", "de": "Hier"})
    assert [form[f"body_{code}"].data for code in ("nl", "en", "fr", "de")] == ["Hier", "", "", "Hier"]
    fill_translated(form, "body", None)
    assert translated_data(form, "body") == {}
