"""Every translated text in /api/v1/openapi.json is documented the same way: an object of strings per
language, with an example and the allowed languages (app.core.schemas.TranslatedText)."""
TRANSLATED = {
    "City": ["name", "tagline"], "Card": ["reward"], "Photo": ["alt"], "MerchantPhoto": ["alt"],
    "ShopSummary": ["name", "tagline"], "ShopDetail": ["name", "tagline", "story"],
    "MerchantShop": ["name", "tagline", "story"], "ShopWrite": ["name", "tagline", "story"],
    "ShopCreate": ["name", "tagline", "story"], "Stop": ["title", "body"], "TrailSummary": ["title", "summary"],
    "Trail": ["title", "summary", "body"], "StopWrite": ["title", "body"],
    "TrailWrite": ["title", "summary", "body", "access_note"], "TrailPatch": ["title", "summary", "body"],
}
WRITE_LIMITS = {("TrailWrite", "title"): 120, ("TrailWrite", "summary"): 300, ("TrailWrite", "body"): 5000,
                ("TrailWrite", "access_note"): 500, ("StopWrite", "title"): 120, ("StopWrite", "body"): 2000,
                ("ShopWrite", "name"): 80, ("ShopWrite", "tagline"): 140}


def test_every_translated_text_is_an_object_of_strings_with_an_example(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for schema, names in TRANSLATED.items():
        for name in names:
            prop = schemas[schema]["properties"][name]
            assert prop["type"] == "object" and prop["additionalProperties"]["type"] == "string", (schema, name)
            assert {"nl", "en"} <= set(prop["example"]), (schema, name, prop)
            assert "nl, en, fr, de" in prop["description"], (schema, name)
    for (schema, name), limit in WRITE_LIMITS.items():
        assert schemas[schema]["properties"][name]["additionalProperties"]["maxLength"] == limit


def test_another_language_in_a_write_is_a_422_on_that_field(client):
    client.login("marketer@brugge.kick.test")
    response = client.post("/api/v1/cities/brugge/trails", json={"kind": "green", "title": {"nl": "Rond", "es": "?"}})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"title.es.key": ["Must be one of: nl, en, fr, de."]}
