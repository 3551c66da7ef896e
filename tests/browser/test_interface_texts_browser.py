"""A phone (390x844, nl-BE, Brussels time): on the marketer's shop review, approving is the primary button and
sending back a quiet secondary one (they once looked the same, `button.button` outweighing `.button-secondary`)."""
from playwright.sync_api import expect

MARKETER = "marketer@kortrijk.kick.test"


def _background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_approve_is_primary_and_send_back_secondary(live_server, page, screenshot):
    page.goto(f"{live_server.url}/login?next=/kortrijk/studio/shops")
    page.get_by_label("E-mail").fill(MARKETER)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/kortrijk/studio/shops")
    page.locator("a[href*='/kortrijk/studio/shops/']").filter(has_text="Tweede Adem").first.click()
    approve = page.get_by_role("button", name="Goedkeuren")
    send_back = page.get_by_role("button", name="Terugsturen met deze reden")
    expect(approve).to_be_visible()
    expect(send_back).to_be_visible()
    assert _background(approve) != _background(send_back)
    screenshot(page, "shop-review-buttons")
