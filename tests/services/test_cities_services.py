"""Creating, editing and setting a town live without a request: one rule for the CLI, the console and the API."""
import pytest

from app.accounts.services import find_user_by_email
from app.cities import services
from app.cities.signals import city_status_changed
from app.core.problem import ProblemError


def test_a_new_town_is_a_draft_with_the_defaults_and_its_makers_see_it(no_request):
    town = services.create_city("tielt", {"nl": " Tielt ", "es": "Tielt"}, 51.0326, 2.8633,
                                offered_locales=["fr", "nl"], privacy_contact="privacy@tielt.example")
    assert town.status == "draft" and town.names == {"nl": "Tielt"} and town.offered_locales == ["nl", "fr"]
    assert town.tile_url.startswith("https://") and town.default_locale == "nl"
    admin, shopper = find_user_by_email("admin@kick.test"), find_user_by_email("shopper@kick.test")
    assert services.can_see(admin, town) and not services.can_see(shopper, town) and not services.can_see(None, town)
    assert services.visible_city_by_slug("tielt", shopper) is None
    assert [city.slug for city in services.live_cities()] == ["brugge", "diksmuide", "ieper", "kortrijk", "oostende", "roeselare"]


def test_every_wrong_value_is_named_at_once(no_request):
    with pytest.raises(ProblemError) as refused:
        services.create_city("merchant", {"fr": "X"}, float("nan"), 3.0, default_locale="de",
                             offered_locales=["nl"], tile_url="https://x.example/a.png", tile_attribution="",
                             privacy_contact="javascript:alert(1)")
    assert refused.value.status == 422
    assert set(refused.value.errors) == {"slug", "names", "center", "offered_locales", "tile_url",
                                         "tile_attribution", "privacy_contact"}


def test_status_changes_are_told_once_and_an_unknown_status_is_refused(no_request):
    town = services.city_by_slug("brugge")
    heard = []
    with city_status_changed.connected_to(lambda city, **kw: heard.append((city.slug, kw["old"], kw["new"]))):
        services.set_city_status(town, "live")  # already live: nothing to tell
        services.set_city_status(town, "draft", actor=None)
        with pytest.raises(ProblemError):
            services.set_city_status(town, "closed")
    assert heard == [("brugge", "live", "draft")] and town.status == "draft"


def test_an_edit_keeps_what_it_does_not_name(no_request):
    town = services.city_by_slug("ieper")
    services.update_city(town, {"privacy_contact": "https://www.ieper.be/privacy"})
    assert town.privacy_contact == "https://www.ieper.be/privacy" and town.names["de"] == "Ypern"
    with pytest.raises(ProblemError) as refused:
        services.update_city(town, {"default_locale": "de", "offered_locales": ["nl", "fr"]})
    assert list(refused.value.errors) == ["offered_locales"]
    with pytest.raises(ValueError):
        services.update_city(town, {"status": "draft"})  # the lifecycle has its own service
