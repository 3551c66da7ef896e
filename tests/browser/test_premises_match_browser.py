"""An entrepreneur on a phone (Brussels time, nl-BE) finds Roeselare's empty shop on Ooststraat, logs in,
expresses interest with a note, describes the concept, and sees the request on "Mijn aanvragen"."""
from sqlalchemy import select


def test_expressing_interest_on_a_phone(live_server, page, screenshot, axe):
    page.goto(live_server.url + "/roeselare/premises/")
    page.wait_for_selector(".premise-pin")  # the map shows the available premises
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("a.card-link", has_text="Ooststraat 37").click()
    assert page.locator("h1").inner_text() == "Ooststraat 37"
    assert "Vastgoed" not in page.content()  # the owner contact never reaches the page
    assert page.locator(".premise-interest a.button").bounding_box()["height"] >= 44
    assert axe(page) == []
    page.get_by_role("link", name="Ik heb al een account").click()
    page.fill("input[name=email]", "shopper@kick.test")
    page.fill("input[name=password]", "kick-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#note")
    page.fill("#note", "Een fietsherstelpunt terwijl je winkelt")
    page.get_by_role("button", name="Interesse tonen").click()
    page.wait_for_url("**/account/premises/profile")  # no profile yet: describe the concept
    page.fill("#name", "Fietsherstel Centrum")
    page.select_option("#category", "services")
    page.fill("#area_min", "30")
    page.fill("#area_max", "70")
    page.check("input[name=lease_types][value=popup]")
    page.get_by_role("button", name="Mijn concept bewaren").click()
    page.wait_for_url("**/account/premises/")
    request = page.locator(".card", has_text="Ooststraat 37")
    assert "Een fietsherstelpunt terwijl je winkelt" in request.inner_text()
    assert "Ontvangen door de stad" in request.inner_text()
    assert "Fietsherstel Centrum" in page.locator("section", has_text="Mijn concept").first.inner_text()
    screenshot(page, "premises-my-requests-roeselare")
    assert axe(page) == []
    with live_server.app.app_context():
        from app.extensions import db
        from app.premises.match_models import PremiseMatch
        match = db.session.execute(select(PremiseMatch).where(PremiseMatch.note.like("Een fietsherstelpunt%"))
                                   ).scalar_one()
        assert match.profile.name == "Fietsherstel Centrum" and match.profile.lease_types == ["popup"]
