"""Trust X-Forwarded-* only from as many proxies as we really have in front of us.

With KICK_PROXY_HOPS=0 (default) the headers are ignored: a client could otherwise pick its own
IP address and walk around every per-IP rate limit. Behind one load balancer, set it to 1.
"""
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app):
    hops = int(app.config["KICK_PROXY_HOPS"])
    if hops < 0:
        raise ValueError("KICK_PROXY_HOPS must be 0 or more")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
