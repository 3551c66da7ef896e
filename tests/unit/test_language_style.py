"""House style of the interface texts (app/translations/source/*.json): German always says "Sie", French
puts a no-break space before : ; ? ! (and inside « »). Read from the sources, so it cannot come back."""
import json
import re
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / "app" / "translations" / "source"
NO_BREAK = "\u00a0\u202f"
# "du" and its forms (the possessive "ihr" of "die Route, ihr Verlauf" is fine, "euch"/"euer" are not).
INFORMAL = re.compile(r"\b(?:du|dich|dir|dein(?:e[mnrs]?)?|euch|euer|eure[mnrs]?)\b", re.IGNORECASE)
# du-imperatives the texts once had ("Scanne den Code", "Tippe die Ziffern"): a verb in -e then no "Sie".
INFORMAL_IMPERATIVE = re.compile(r"(?:^|[.!?:]\s)(?:Scanne|Tippe|Zeige|Öffne|Warte|Halte|Füge|Fordere|Melde|Hol)\s(?!Sie\b)")
# A mark after a plain space, or right after a word and followed by a space or the end; the exceptions
# are machine text: times (7:00), addresses (https://), ratios (4.5:1) and an HTTP header name.
SPACE_BEFORE = re.compile(r"[ \t][:;?!]")
GLUED = re.compile(r"(?<![\s" + NO_BREAK + r"])(?<!Authorization)[:;?!](?=\s|$)")
GUILLEMETS = re.compile(r"«[ \t]|[ \t]»")


def _texts(locale: str):
    for path in sorted(SOURCES.glob("*.json")):
        for msgid, texts in json.loads(path.read_text(encoding="utf-8")).items():
            value = texts.get(locale)
            for text in value if isinstance(value, list) else [value]:
                if text:
                    yield f"{path.name}: {msgid!r}", text


def test_german_texts_say_sie_throughout():
    informal = [(where, text) for where, text in _texts("de")
                if INFORMAL.search(text) or INFORMAL_IMPERATIVE.search(text)]
    assert informal == []


def test_french_texts_put_a_no_break_space_before_high_punctuation():
    wrong = [(where, text) for where, text in _texts("fr")
             if SPACE_BEFORE.search(text) or GLUED.search(text) or GUILLEMETS.search(text)]
    assert wrong == []


def test_french_texts_use_the_typographic_apostrophe():
    """"jusqu’à 18:00", not "jusqu'à": the straight one is a typewriter's mark."""
    straight = [(where, text) for where, text in _texts("fr") if "'" in text]
    assert straight == []


@pytest.mark.parametrize("text, wrong", [
    ("Bon retour !", True), ("Bon retour!", True), ("Mot de passe oublié ?", True), ("Note : rien", True),
    ("Bon retour\u00a0!", False), ("Note\u202f; rien", False), ("« Toute la journée »", True),
    ("«\u00a0Toute la journée\u00a0»", False), ("Tous les jours 7:00–24:00", False),
    ("Utilisez une adresse https://.", False), ("contraste %(ratio)s:1", False),
    ("l'en-tête Authorization: Bearer", False),
])
def test_the_french_rule_tells_typography_from_machine_text(text, wrong):
    assert bool(SPACE_BEFORE.search(text) or GLUED.search(text) or GUILLEMETS.search(text)) is wrong


@pytest.mark.parametrize("text, informal", [
    ("Hol dir deinen Stempel", True), ("Du hast hier schon einen Stempel.", True),
    ("Scanne den QR-Code an der Theke.", True), ("Scannen Sie den QR-Code an der Theke.", False),
    ("Die Route und ihr ganzer Verlauf", False), ("Holen Sie sich Ihren Stempel", False), ("10 EUR", False),
])
def test_the_german_rule_finds_the_informal_address(text, informal):
    assert bool(INFORMAL.search(text) or INFORMAL_IMPERATIVE.search(text)) is informal
