def test_picker_and_city_home_at_phone_size(live_server, page, screenshot, axe):
    page.goto(live_server.url + "/")
    assert page.locator(".city-card").count() == 6
    screenshot(page, "picker")
    page.get_by_role("link", name="Brugge").click()
    page.wait_for_url("**/brugge/")
    assert page.locator("html").get_attribute("lang") == "nl"
    primary = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
    assert primary == "rgb(200, 16, 46)"
    screenshot(page, "home-brugge")


def test_login_as_marketer_and_open_the_studio(live_server, page):
    page.goto(live_server.url + "/login?next=/brugge/studio/")
    page.get_by_label("E-mail").fill("marketer@brugge.kick.test")
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/brugge/studio/")
    assert "Studio Brugge" in page.content()
