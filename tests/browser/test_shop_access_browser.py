"""On a phone (Brussels time, nl-BE): filter the shops on a step-free entrance and read a shop's accessibility."""
import re

from playwright.sync_api import expect


def test_filter_step_free_and_read_the_accessibility_block(live_server, page, screenshot, axe):
    page.goto(live_server.url + "/kortrijk/shops/")
    all_cards = page.locator(".shop-card").count()
    chip = page.get_by_role("link", name="Drempelvrije ingang")
    assert chip.bounding_box()["height"] >= 44
    chip.click()
    page.wait_for_url(re.compile(r"step_free=1"))
    assert page.locator(".chip-step-free").get_attribute("aria-current") == "true"
    cards = page.locator(".shop-card")
    assert 0 < cards.count() < all_cards
    assert "drempelvrije ingang" in page.locator(".shops-count").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "shops-step-free-kortrijk")
    assert axe(page) == []

    cards.first.locator("a").first.click()
    page.wait_for_url(re.compile(r"/kortrijk/shops/[a-z0-9-]+$"))
    block = page.get_by_role("region", name="Toegankelijkheid")
    expect(block).to_be_visible()  # waits for the shop page (is_visible() would read the list still showing)
    facts = block.get_by_role("listitem").all_inner_texts()
    assert "Drempelvrije ingang" in facts
    assert any(text.startswith("Deuren minstens") for text in facts)
    assert page.locator(".shop-access svg[aria-hidden='true']").count() == len(facts)
    screenshot(page, "shop-page-accessibility")
    assert axe(page) == []
