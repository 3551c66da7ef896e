"""``Cache-Control: no-store`` on everything that depends on who is logged in.

Two rules, applied after every view (so no feature has to remember it):

1. Personal areas always: account and login pages, cards, stamps, scan answers, rewards, the merchant
   pages, the city studio, an admin area and the personal API (``/api/v1/me…``, ``/api/v1/merchant/…``,
   ``/api/v1/auth/…``), listed by URL rule in ``PERSONAL_RULES``.
2. A catch-all: any answer to a logged-in person (an anonymous shopper with a card included) gets
   ``no-store`` unless it is explicitly shareable: the view said ``Cache-Control: public``
   (media, versioned icons) or the endpoint is in ``SHARED_ENDPOINTS``
   (the city's service worker, manifest and icons, the same for everybody and revalidated by ETag).

Static files never reach Flask (app.ops.static_files answers them, the same for everybody).

Anonymous visitors' public pages keep whatever the view set (ETags, no header at all), so the
service worker and the browser cache behave as before.
"""
from flask import g, request, session

# URL rules (as written in the url_map) whose answers are personal, whoever asks.
PERSONAL_RULES = (
    "/login", "/register", "/logout", "/account/", "/merchant/", "/admin/",
    "/<city>/account/", "/<city>/studio/", "/<city>/stamps", "/<city>/s/", "/<city>/admin/",
    "/api/v1/me", "/api/v1/cities/<city>/me/", "/api/v1/merchant/", "/api/v1/auth/",
)
# The same for everybody, logged in or not, and revalidated with an ETag.
SHARED_ENDPOINTS = frozenset({
    "media.serve", "pwa.service_worker", "pwa.manifest", "pwa.icon", "pwa.maskable_icon",
    "pwa.apple_touch_icon",
})


def is_personal_rule(rule: str | None) -> bool:
    return bool(rule) and rule.startswith(PERSONAL_RULES)


def _shared(response) -> bool:
    return bool(response.cache_control.public) or request.endpoint in SHARED_ENDPOINTS


def _logged_in() -> bool:
    # Flask-Login keeps the loaded user in g; without it, the session says who is logged in
    # (no database lookup here, this runs after every request).
    user = g.get("_login_user")
    if user is not None:
        return bool(user.is_authenticated)
    return "_user_id" in session


def no_store_when_personal(response):
    rule = request.url_rule.rule if request.url_rule is not None else None
    if is_personal_rule(rule) or (not _shared(response) and _logged_in()):
        cache_control = response.cache_control
        cache_control.no_store = True
        cache_control.public = False
        cache_control.max_age = None
        cache_control.immutable = False
    return response


def init_app(app):
    app.after_request(no_store_when_personal)
