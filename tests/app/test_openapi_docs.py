"""The OpenAPI document describes itself and every operation: operationId, summary and description on
each, info.description, info.contact and servers (only documentation: paths and schemas stay the contract)."""
from app import create_app
from app.api.openapi import OPERATION_IDS, first_sentence, operation_id
from tests.conftest import KickClient

METHODS = ("get", "put", "post", "patch", "delete")


def _operations(spec):
    return [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()
            if method in METHODS]


def test_every_operation_has_an_id_a_summary_and_a_description(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = _operations(spec)
    assert len(operations) >= 39
    for path, method, op in operations:
        assert op.get("operationId"), (method, path)
        assert op.get("summary", "").strip(), (method, path)
        assert op.get("description", "").strip(), (method, path)
        assert len(op["summary"]) <= len(op["description"]), (method, path)
    ids = [op["operationId"] for _path, _method, op in operations]
    assert len(ids) == len(set(ids))
    assert all(name[0].islower() and "_" not in name for name in ids)
    by_route = {(method, path): op["operationId"] for path, method, op in operations}
    assert by_route[("get", "/api/v1/cities/{city}/trails/{slug}")] == "getTrail"
    assert by_route[("get", "/api/v1/cities/{city}/shops")] == "listShops"
    assert by_route[("post", "/api/v1/scan")] == "collectStamp"


def test_a_long_docstring_becomes_the_description_and_its_first_sentence_the_summary(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    op = spec["paths"]["/api/v1/merchant/shops/{shop_id}"]["patch"]
    assert op["summary"] == "Change your shop."
    assert op["description"].startswith("Change your shop. Changes to an approved shop's reviewed fields go back")


def test_info_and_servers(app_config):
    app = create_app({**app_config, "KICK_PUBLIC_URL": "https://kick.example", "KICK_API_CONTACT": "dev@kick.example"})
    app.test_client_class = KickClient
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "KICK City API" and spec["info"]["version"] == "v1"
    assert "problem+json" in spec["info"]["description"]
    assert spec["info"]["contact"] == {"name": "KICK City", "email": "dev@kick.example"}
    assert spec["servers"] == [{"url": "https://kick.example", "description": "This KICK City installation"}]
    # Paths keep their /api/v1 prefix, so the server is the bare origin.
    assert all(path.startswith("/api/v1/") for path in spec["paths"])


def test_development_documents_a_relative_server(client):
    assert client.get("/api/v1/openapi.json").get_json()["servers"] == [
        {"url": "/", "description": "This KICK City installation"}]


def test_operation_names():
    assert operation_id("shops_api.list_shops") == "listShops"
    assert operation_id("trails_api.patch") == OPERATION_IDS["trails_api.patch"] == "updateTrail"
    assert first_sentence("Change your shop. Changes go\n back to review.") == "Change your shop."
    assert first_sentence("Set it live (`status`: live).") == "Set it live (`status`: live)."
