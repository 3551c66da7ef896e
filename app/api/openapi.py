"""The OpenAPI document's finishing touches, applied as every feature registers its blueprint:
an `operationId` for every operation and a `description` beside its summary.

Only documentation is added: no path, parameter, field or schema changes (the API is a contract).
"""
import re

from apispec import BasePlugin

# operationIds where the view function's own name would say too little ("create", "trail", "patch").
# Every other operation is named after its view function (`list_shops` -> `listShops`). Once published,
# an operationId is what generated clients call: never rename one.
OPERATION_IDS = {
    "auth_api.me": "getMe",
    "cities_api.get_city": "getCity",
    "people_api.invite": "inviteToCityRole",
    "trails_api.trails": "listTrails",
    "trails_api.create": "createTrail",
    "trails_api.import_gpx": "importTrailGpx",
    "trails_api.trail": "getTrail",
    "trails_api.patch": "updateTrail",
    "trails_api.remove": "deleteTrail",
    "trails_api.publish": "publishTrail",
    "trails_api.unpublish": "unpublishTrail",
    "loyalty_api.scan": "collectStamp",
    "loyalty_api.redeem": "redeemCard",
    "figures_api.event": "countEvent",
    "figures_api.push_counts": "pushFootfallCounts",
    "privacy_api.export": "exportMyData",
    "privacy_api.delete_me": "deleteMe",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def operation_id(endpoint: str) -> str:
    if endpoint in OPERATION_IDS:
        return OPERATION_IDS[endpoint]
    first, *rest = endpoint.rsplit(".", 1)[-1].split("_")
    return first + "".join(word.capitalize() for word in rest)


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


class OperationDocs(BasePlugin):
    """An operationId from the endpoint; a docstring's text becomes the description, its first sentence
    the summary (flask-smorest takes a docstring without a blank line as a summary only)."""

    def __init__(self):
        self.seen: dict[str, str] = {}

    def operation_helper(self, path=None, operations=None, **kwargs):
        rule = kwargs.get("rule")
        for method, operation in (operations or {}).items():
            if rule is not None and "operationId" not in operation:
                name = operation_id(rule.endpoint)
                other = self.seen.setdefault(name, f"{rule.endpoint} {method}")
                if other != f"{rule.endpoint} {method}":
                    raise ValueError(f"operationId {name!r} of {rule.endpoint} is taken by {other}: "
                                     "add it to app.api.openapi.OPERATION_IDS")
                operation["operationId"] = name
            summary = operation.get("summary")
            if summary and not operation.get("description"):
                operation["description"] = " ".join(summary.split())
                operation["summary"] = first_sentence(summary)


def spec_options(config) -> dict:
    """info.description, info.contact and servers for API_SPEC_OPTIONS."""
    public = config.get("KICK_PUBLIC_URL")
    return {
        "info": {
            "description": API_DESCRIPTION,
            "contact": {"name": "KICK City", "email": config["KICK_API_CONTACT"]},
        },
        "servers": [{"url": public or "/", "description": "This KICK City installation"}],
    }


API_DESCRIPTION = """\
The JSON API of KICK City, the app of the shopping towns of West Flanders: towns, unique shops, walks and
green routes, stamp cards and city passes, and the figures a town's marketers read.

- Every city resource lives under `/api/v1/cities/{city}/...` (the city's slug); another town's row answers 404.
- Log in with `POST /api/v1/auth/login` (a session cookie); calls that change something send the CSRF token
  from the login answer or `GET /api/v1/me` in the `X-CSRFToken` header, and a JSON body.
- Errors are `application/problem+json` (RFC 9457): `status`, `detail`, a stable `code`, and `errors` per field
  for a refused input.
- Translatable texts are objects by language (`{"nl": ..., "fr": ..., "en": ..., "de": ...}`); instants
  carry their UTC offset.
"""
