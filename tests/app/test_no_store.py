"""Cache-Control: no-store on every answer that depends on who is logged in: every GET route of the
url_map is called as a signed-in shopper and as the admin; each answer is no-store unless it is
explicitly public (Cache-Control: public, or the city's service worker, manifest and icons)."""
import re

from app.security.caching import SHARED_ENDPOINTS
from tests.support.authz import EMAILS

VALUES = {"city": "brugge", "city_slug": "brugge", "token": "not-a-real-link", "size": "192", "fmt": "png", "filename": "css/app.css", "key": "none.jpg"}
PERSONAL = ("/login", "/register", "/account/", "/merchant/", "/<city>/account/", "/<city>/studio/",
            "/<city>/stamps", "/<city>/s/", "/api/v1/me", "/api/v1/merchant/")


def get_urls(app, refs) -> dict[str, str]:
    home = refs["home"]
    ids = {"shop_id": home["shop"], "trail_id": home["trail"], "stop_id": home["stop"],
           "revision_id": home["revision"], "photo_id": home["photo"], "card_id": home["card"], "code": home["code"],
           "point_id": home["counting_point"], "premise_id": home["premise"], "match_id": home["premise_match"],
           "profile_id": 1, "incentive_id": 1, "message_id": home["news_message"],
           "questionnaire_id": home["open_questionnaire"], "group": "parking", "place_id": home["access_place"], "feed_id": home["access_feed"], "event_id": home["event"],
           "question_id": home["questionnaire_question"]}
    urls = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        slug = home["trail_slug"] if rule.endpoint.startswith("trails") else "x"
        values = {**VALUES, **ids, "slug": slug, "size": "A4" if "poster" in rule.rule else "192",
                  "redemption_id": home.get("redemption", 1)}
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(values[m.group(1)]), rule.rule)
        urls[path] = rule
    return urls


def test_every_personal_answer_is_no_store(app, refs):
    urls = get_urls(app, refs)
    seen_ok = set()
    for role in ("shopper", "admin", "owner"):
        client = app.test_client()
        client.login(EMAILS[role])
        for path, rule in urls.items():
            response = client.get(path)
            cache = response.headers.get("Cache-Control", "")
            if "public" in cache or rule.endpoint in SHARED_ENDPOINTS:
                continue
            assert "no-store" in cache, (role, path, response.status_code, cache)
            if response.status_code == 200:
                seen_ok.add(rule.rule)
    personal = {rule.rule for rule in urls.values() if rule.rule.startswith(PERSONAL)}
    assert len(personal & seen_ok) >= 10, sorted(personal - seen_ok)  # real pages, not only 404s


def test_personal_areas_are_no_store_for_visitors_too(client):
    for path in ("/login", "/register", "/brugge/stamps", "/merchant/join", "/api/v1/me"):
        assert "no-store" in client.get(path).headers.get("Cache-Control", ""), path


def test_public_pages_keep_their_caching_for_visitors(client):
    assert "no-store" not in client.get("/brugge/").headers.get("Cache-Control", "")
    sw = client.get("/brugge/sw.js")
    assert sw.headers["Cache-Control"] == "no-cache" and sw.headers.get("ETag")
    page = client.get("/brugge/").get_data(as_text=True)
    css = client.get(re.search(r'href="(/static/css/app\.css\?v=[^"]+)"', page).group(1))
    assert "public" in css.headers["Cache-Control"] and "immutable" in css.headers["Cache-Control"]


def test_a_logged_in_person_keeps_the_shared_caching_of_the_app_shell(client):
    client.login("shopper@kick.test")
    assert client.get("/brugge/sw.js").headers["Cache-Control"] == "no-cache"
    assert "no-store" in client.get("/brugge/").headers["Cache-Control"]  # the menu shows who is logged in
