"""Pure rules of city news: who a target reaches (streets, categories) and what of a marketer's text is kept."""
from dataclasses import dataclass

from app.core import richtext
from app.voice.services.targeting import Target


@dataclass
class FakeShop:
    address: str
    category: str

    @property
    def street(self):
        from app.core.text import street_of
        return street_of(self.address)


BAKERY = FakeShop("Christinastraat 21, 8400 Oostende", "food_drink")
BOOKS = FakeShop("Christinastraat 48", "books_music")
SALT = FakeShop("Kapellestraat 33", "food_drink")


def test_everyone_when_nothing_is_chosen():
    target = Target()
    assert target.everyone and all(target.matches(shop) for shop in (BAKERY, BOOKS, SALT))


def test_a_street_as_written_in_the_addresses_ignoring_case_and_spaces():
    target = Target(streets=("  christinastraat ",))
    assert [target.matches(shop) for shop in (BAKERY, BOOKS, SALT)] == [True, True, False]


def test_streets_and_categories_together_narrow_down():
    assert [Target(("Christinastraat",), ("food_drink",)).matches(s) for s in (BAKERY, BOOKS, SALT)] == [
        True, False, False]
    assert [Target((), ("food_drink",)).matches(s) for s in (BAKERY, BOOKS, SALT)] == [True, False, True]
    assert [Target(("Kapellestraat", "Christinastraat")).matches(s) for s in (BAKERY, BOOKS, SALT)] == [
        True, True, True]


def test_a_target_round_trips_through_its_stored_form():
    target = Target(("Christinastraat",), ("kids",))
    assert Target.from_json(target.as_json()) == target and Target.from_json(None) == Target()


def test_rich_text_keeps_bold_lists_links_and_drops_the_rest():
    cleaned = richtext.clean('<p onclick="x()">Hi <b>bold</b> <i>it</i><script>alert(1)</script></p>'
                             '<ul><li>one</li></ul><a href="javascript:alert(1)">bad</a>'
                             '<a href="https://oostende.be">good</a><img src=x onerror=alert(1)><style>p{}</style>')
    assert cleaned == ('<p>Hi <b>bold</b> <i>it</i></p><ul><li>one</li></ul><a rel="noopener noreferrer nofollow">'
                       'bad</a><a href="https://oostende.be" rel="noopener noreferrer nofollow">good</a>')


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert richtext.clean("Werken & meer\n\nTweede\nregel") == "<p>Werken &amp; meer</p><p>Tweede<br>regel</p>"
    assert richtext.clean("   ") == ""


def test_the_mail_text_of_a_message():
    lines = richtext.plain_lines('<p>De <strong>straat</strong> is dicht.</p><ul><li>Leveren: 7-10 u</li>'
                                 '<li>Info: <a href="https://oostende.be">de site</a></li></ul>')
    assert lines == ["De straat is dicht.", "", "• Leveren: 7-10 u", "• Info: de site (https://oostende.be)"]
    assert richtext.excerpt("<p>" + "woord " * 50 + "</p>", 30).endswith("…")
