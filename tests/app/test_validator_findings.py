"""What the W3C Nu checker, axe and Lighthouse found in our HTML, kept from coming back: no attribute
rendered as the string "None", hints linked to their inputs, a required select starting empty,
headings that do not skip a level, no <section> without a heading, a descriptive home link."""
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.cities.models import City
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class Page(HTMLParser):
    """Collects what the checks need: attributes, headings in order, sections and their headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.none_attributes: list[str] = []
        self.headings: list[int] = []
        self.sections: list[dict] = []  # open <section>s: {"has_heading": bool, "attrs": ...}
        self.headless_sections: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self._links: list[dict] = []
        self.links: list[tuple[dict, str]] = []
        self._select: dict | None = None
        self.selects: list[tuple[dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self.none_attributes += [f"<{tag} {name}=\"None\">" for name, value in attrs if value == "None"]
        if tag in HEADINGS:
            self.headings.append(HEADINGS[tag])
            for section in self.sections:
                section["has_heading"] = True
        elif tag == "section":
            self.sections.append({"has_heading": False, "attrs": attributes})
        elif tag == "a":
            self._links.append({"attrs": attributes, "text": ""})
        elif tag == "select":
            self._select = {"attrs": attributes, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value"))

    def handle_endtag(self, tag):
        if tag == "section" and self.sections:
            section = self.sections.pop()
            if not section["has_heading"]:
                self.headless_sections.append(str(section["attrs"]))
        elif tag == "a" and self._links:
            link = self._links.pop()
            self.links.append((link["attrs"], " ".join(link["text"].split())))
        elif tag == "select" and self._select is not None:
            self.selects.append((self._select["attrs"], self._select["options"]))
            self._select = None

    def handle_data(self, data):
        for link in self._links:
            link["text"] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def _public_pages(app) -> list[str]:
    with app.app_context():
        shop = db.session.execute(select(Shop.slug).join(Shop.city).where(City.slug == "brugge",
                                                                            Shop.status == "approved")).scalar()
        trail = db.session.execute(select(Trail.slug).join(Trail.city).where(City.slug == "brugge",
                                                                               Trail.status == "published",
                                                                               Trail.kind == "heritage")).scalar()
        green = db.session.execute(select(Trail.slug).join(Trail.city).where(City.slug == "brugge",
                                                                               Trail.status == "published",
                                                                               Trail.kind == "green")).scalar()
    return ["/", "/privacy", "/brugge/", "/brugge/shops/", "/brugge/shops/?view=map", f"/brugge/shops/{shop}",
            "/brugge/trails/", "/brugge/green/", f"/brugge/trails/{trail}", f"/brugge/trails/{green}",
            "/brugge/privacy", "/brugge/stamps", "/brugge/offline", "/brugge/saved"]


FORM_PAGES = ["/login", "/register", "/account/password/forgot", "/merchant/join", "/merchant/join?city=brugge"]


@pytest.fixture
def pages(app, client):
    def fetch(paths):
        out = {}
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            out[path] = parse(response.get_data(as_text=True))
        return out
    return fetch


def test_no_attribute_is_rendered_as_none(app, pages):
    for path, page in pages(_public_pages(app) + FORM_PAGES).items():
        assert page.none_attributes == [], path


def test_headings_start_at_h1_and_never_skip_a_level(app, pages):
    for path, page in pages(_public_pages(app) + FORM_PAGES).items():
        assert page.headings and page.headings[0] == 1, (path, page.headings)
        assert page.headings.count(1) == 1, (path, page.headings)
        for before, after in zip(page.headings, page.headings[1:]):
            assert after <= before + 1, (path, page.headings)


def test_every_section_has_a_heading(app, pages):
    for path, page in pages(_public_pages(app) + FORM_PAGES).items():
        assert page.headless_sections == [], path


def test_form_hints_are_linked_to_their_inputs(pages):
    for path, page in pages(FORM_PAGES).items():
        hints = {attrs["id"] for tag, attrs in page.elements if tag == "p" and "hint" in attrs.get("class", "")}
        described = {ref for tag, attrs in page.elements if tag in ("input", "select", "textarea")
                     for ref in (attrs.get("aria-describedby") or "").split()}
        assert hints <= described, (path, hints - described)
    register = pages(["/register"])["/register"]
    password = next(attrs for tag, attrs in register.elements if tag == "input" and attrs.get("name") == "password")
    assert "password-hint" in password["aria-describedby"].split()


def test_a_field_with_an_error_points_at_its_hint_and_its_error(client):
    html = client.post("/register", data={"email": "not-an-address", "password": "kort"}).get_data(as_text=True)
    page = parse(html)
    password = next(attrs for tag, attrs in page.elements if tag == "input" and attrs.get("name") == "password")
    assert password["aria-invalid"] == "true"
    assert password["aria-describedby"].split() == ["password-hint", "password-error"]


def test_a_required_select_starts_with_an_empty_choice(pages):
    for path, page in pages(FORM_PAGES).items():
        for attrs, options in page.selects:
            if "required" in attrs:
                assert options and options[0] == "", (path, attrs, options)
    join = pages(["/merchant/join"])["/merchant/join"]
    city = next(options for attrs, options in join.selects if attrs.get("name") == "city")
    assert city[0] == "" and "brugge" in city
    # Any required select of a KickForm gets one ("Choose…"), e.g. the shop of a typed counter code.
    stamps = pages(["/brugge/stamps"])["/brugge/stamps"]
    shop = next((attrs, options) for attrs, options in stamps.selects if attrs.get("name") == "shop_id")
    assert "required" in shop[0] and shop[1][0] == "" and len(shop[1]) > 1 and "" not in shop[1][1:]


def test_joining_without_choosing_a_town_is_refused_with_a_message(client):
    response = client.post("/merchant/join", data={"city": "", "shop_name": "Nieuwe Zaak", "display_name": "Ann",
                                                   "email": "ann@kick.test", "password": "een lang wachtwoord 1",
                                                   "confirm": "een lang wachtwoord 1"})
    assert response.status_code == 422
    page = parse(response.get_data(as_text=True))
    city = next(attrs for tag, attrs in page.elements if tag == "select" and attrs.get("name") == "city")
    assert city["aria-invalid"] == "true" and "city-error" in city["aria-describedby"]


def test_the_bottom_nav_home_link_says_where_it_goes(pages):
    page = pages(["/brugge/shops/"])["/brugge/shops/"]
    home = [text for attrs, text in page.links if attrs.get("href") == "/brugge/" and "tab-icon" not in text]
    assert "Start Brugge" in home, home


def test_the_merchant_forms_pass_the_same_checks(app, client):
    from app.accounts.services import find_user_by_email
    with app.app_context():
        owner = find_user_by_email("merchant1@brugge.kick.test")
        shop_id = db.session.execute(select(Shop.id).where(Shop.owner_id == owner.id).order_by(Shop.id)).scalar()
    client.login("merchant1@brugge.kick.test")
    for path in (f"/merchant/shops/{shop_id}/edit", f"/merchant/shops/{shop_id}/hours",
                 f"/merchant/shops/{shop_id}/photos", "/account/password", "/merchant/join"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = parse(response.get_data(as_text=True))
        assert page.none_attributes == [] and page.headless_sections == [], path
        for before, after in zip(page.headings, page.headings[1:]):
            assert after <= before + 1, (path, page.headings)
        for attrs, options in page.selects:
            if "required" in attrs:
                assert options and options[0] == "", (path, attrs, options)
