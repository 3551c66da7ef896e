"""X-Forwarded-* is trusted for exactly KICK_PROXY_HOPS proxies (default none)."""
from flask import request


def add_probe(app):
    @app.route("/t/whoami")
    def whoami():
        return {"ip": request.remote_addr, "scheme": request.scheme, "host": request.host}


FORWARDED = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "brugge.kick.example"}


def test_forwarded_headers_are_ignored_by_default(app):
    add_probe(app)
    body = app.test_client().get("/t/whoami", headers=FORWARDED).get_json()
    assert body == {"ip": "127.0.0.1", "scheme": "http", "host": "localhost"}  # a client cannot spoof its IP


def test_one_hop_trusts_the_load_balancer_entry(app_config):
    from app import create_app
    app = create_app({**app_config, "KICK_PROXY_HOPS": 1})
    add_probe(app)
    body = app.test_client().get("/t/whoami", headers=FORWARDED).get_json()
    # Only the last hop (added by our load balancer) counts; the client-written first entry does not.
    assert body == {"ip": "203.0.113.9", "scheme": "https", "host": "brugge.kick.example"}


def test_two_hops(app_config):
    from app import create_app
    app = create_app({**app_config, "KICK_PROXY_HOPS": 2})
    add_probe(app)
    assert app.test_client().get("/t/whoami", headers=FORWARDED).get_json()["ip"] == "198.51.100.7"
