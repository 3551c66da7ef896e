"""A mail speaks its recipient's language and wears the city's name and colours: "KICK Brugge" as sender,
the city's primary colour as the header band with readable text on it, a plain-text part always."""
from app.core import mail
from app.extensions import db
from app.shops.services.notifications import notify
from tests.conftest import mail_text, mails
from tests.factories import CityFactory, ShopFactory, UserFactory


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def test_a_dutch_and_a_french_merchant_each_get_the_mail_in_their_language_from_their_city(no_request):
    city = CityFactory(names={"nl": "Brugge", "fr": "Bruges"}, primary_color="#A6192E")
    dutch = ShopFactory(city=city, owner=UserFactory(email="an@brugge.test", locale="nl"), status="pending")
    french = ShopFactory(city=city, owner=UserFactory(email="luc@brugge.test", locale="fr"), status="pending")
    notify(dutch, "approved")
    notify(french, "approved")
    db.session.commit()

    [nl] = mails(no_request, "an@brugge.test")
    [fr] = mails(no_request, "luc@brugge.test")
    assert nl["From"] == "KICK Brugge <no-reply@kick.city>" and fr["From"] == "KICK Bruges <no-reply@kick.city>"
    assert nl["Subject"] == "KICK Brugge: Je winkel is goedgekeurd"
    assert fr["Subject"] == "KICK Bruges: Votre boutique est approuvée"
    assert "goedgekeurd en staat nu in de app" in mail_text(nl) and "Deze e-mail komt van KICK Brugge." in mail_text(nl)
    assert "approuvée et visible dans l’app" in mail_text(fr)
    assert "Cet e-mail vous est envoyé par KICK Bruges." in mail_text(fr)
    html = _html(fr)
    assert '<html lang="fr">' in html and "background:#A6192E;color:#FFFFFF" in html and ">KICK Bruges<" in html
    assert "https://kick.example/merchant/shops/" in html


def test_without_a_choice_of_their_own_a_person_reads_the_citys_language_else_dutch(no_request):
    german_city = CityFactory(default_locale="de")
    assert mail.language_of(UserFactory(locale=None), german_city) == "de"
    assert mail.language_of(UserFactory(locale="fr"), german_city) == "fr"
    assert mail.language_of(UserFactory(locale=None), None) == "nl"


def test_a_light_city_colour_gets_dark_text_and_a_link_alone_becomes_a_button(no_request):
    city = CityFactory(names={"nl": "Zonnestad"}, primary_color="#F2C94C")
    link = "https://kick.example/account/password/reset/" + "x" * 150
    with mail.in_language_of(None, city):
        message = mail.compose("an@example.be", "Onderwerp", ["Klik <hier>:", "", link], city=city)
    html = _html(message)
    assert "background:#F2C94C;color:#000000" in html  # readable on yellow
    assert "Klik &lt;hier&gt;:" in html  # text is text, never markup
    assert f'<a href="{link}"' in html and "Open de link" in html
    assert link in mail_text(message).splitlines()  # the plain part keeps the link whole, on its own line


def test_a_mail_without_a_city_comes_from_the_configured_sender(no_request):
    with mail.in_language_of(None, None):
        message = mail.compose("an@example.be", "Onderwerp", ["Hallo"])
    assert message["From"] == no_request.config["MAIL_DEFAULT_SENDER"]
    assert "Deze e-mail komt van KICK City." in mail_text(message)
