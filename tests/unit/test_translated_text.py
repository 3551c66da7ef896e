"""TranslatedText: the API field for every {locale: text} (app.core.schemas)."""
import pytest
from marshmallow import Schema, ValidationError

from app.core.schemas import TranslatedText


class Body(Schema):
    title = TranslatedText(max_length=10, require_default=True)
    note = TranslatedText(max_length=10)


def test_writes_strip_and_drop_blank_languages():
    assert Body().load({"title": {"nl": "  Markt ", "en": "   ", "fr": ""}}) == {"title": {"nl": "Markt"}}


@pytest.mark.parametrize("body, errors", [
    ({"title": {"nl": "Markt", "xx": "?"}}, {"title": {"xx": {"key": ["Must be one of: nl, en, fr, de."]}}}),
    ({"title": {"nl": "x" * 11}}, {"title": {"nl": {"value": ["Longer than maximum length 10."]}}}),
    ({"title": {"en": "Market"}}, {"title": ["Dutch text ('nl') is required."]}),
    ({"title": {"nl": "Markt"}, "note": "tekst"}, {"note": ["Not a valid mapping type."]}),
    ({"title": {"nl": "Markt"}, "note": {"en": 3}}, {"note": {"en": {"value": ["Not a valid string."]}}}),
])
def test_writes_refuse_other_languages_long_texts_and_a_missing_dutch_text(body, errors):
    with pytest.raises(ValidationError) as refused:
        Body().load(body)
    assert refused.value.messages == errors


def test_the_dutch_text_is_optional_unless_asked_for():
    assert Body().load({"title": {"nl": "Markt"}, "note": {"de": "Hinweis"}})["note"] == {"de": "Hinweis"}


def test_reads_give_the_stored_object_as_it_is():
    assert Body().dump({"title": {"nl": "Markt", "en": "Market"}, "note": {}}) == {
        "title": {"nl": "Markt", "en": "Market"}, "note": {}}
