"""/api/v1 vacancy register, for the city's marketers: add and change premises (a state change is kept in
the history; a stale version is a 409) and read the vacancy figures. These answers carry private fields
(owner_contact): they are never public and never cached."""
from flask import g, request
from flask_smorest import Blueprint

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.core.problem import ProblemError
from app.core.schemas import ProblemSchema
from app.premises.presenters import analysis_json
from app.premises.schemas import PremiseCreateSchema, PremiseStudioSchema, PremiseWriteSchema, VacancySchema
from app.premises.services import analysis, register

blp = Blueprint("premises_api", __name__, description="Vacancy register: premises, their history, vacancy figures")
NO_STORE = {"Cache-Control": "private, no-store"}
NO_STORE_DOC = {"Cache-Control": {"description": "private, no-store", "schema": {"type": "string"}}}


def _if_match():
    """The version an `If-Match` header names ("3", W/"3"), or None."""
    value = (request.headers.get("If-Match") or "").strip()
    if not value or value == "*":
        return None
    value = value.removeprefix("W/").strip('"')
    if not value.isdigit():
        message = "If-Match must be the premise's version, e.g. \"3\"."
        raise ProblemError(400, message, code="bad_if_match", errors={"If-Match": [message]})
    return int(value)


@blp.route("/cities/<city>/premises", methods=["POST"])
@marketer_required
@blp.arguments(PremiseCreateSchema)
@blp.response(201, PremiseStudioSchema, headers=NO_STORE_DOC)
@blp.alt_response(409, schema=ProblemSchema, description="The register already has a premise at this address")
@blp.alt_response(422, schema=ProblemSchema, description="Invalid fields (`errors` by field)")
def create_premise(body):
    """Add a premise to the city's vacancy register (marketers of the city). `state` is one of
    vacant|option|let|repurposed (default vacant), `lease_types` a subset of long|short|popup, `description`
    a locale object, `incentives` codes of the city's incentives; the first history entry is dated
    `vacant_since` (or today). `owner_contact` is private: it never appears in a public answer."""
    body.pop("version", None)
    premise = register.create_premise(current_actor(), g.city, body)
    return premise, 201, NO_STORE


@blp.route("/cities/<city>/premises/<int:premise_id>", methods=["PATCH"])
@marketer_required
@blp.arguments(PremiseWriteSchema)
@blp.response(200, PremiseStudioSchema, headers=NO_STORE_DOC)
@blp.alt_response(404, schema=ProblemSchema, description="No such premise in this city")
@blp.alt_response(409, schema=ProblemSchema, description="Someone saved a newer version (`code`: edit_conflict, "
                                                         "`current_version`); nothing was changed")
@blp.alt_response(422, schema=ProblemSchema, description="Invalid fields (`errors` by field)")
def update_premise(body, premise_id):
    """Change fields of a premise (marketers of the city). A new `state` is recorded in the history, dated
    `changed_on` (default today) with `note`. Send the `version` you read (in the body or as If-Match): a
    newer one on the server is a 409 and nothing changes, so no update is ever lost."""
    premise = register.premise_or_404(g.city, premise_id)
    header_version = _if_match()
    expected = body.pop("version", None)
    if header_version is not None:
        expected = header_version
    premise = register.update_premise(current_actor(), g.city, premise, body, expected_version=expected)
    return premise, 200, NO_STORE


@blp.route("/cities/<city>/vacancy", methods=["GET"])
@marketer_required
@blp.response(200, VacancySchema, headers=NO_STORE_DOC)
def get_vacancy():
    """The centre's vacancy figures (marketers of the city): the rate by units and by floor area (vacant or
    under option ÷ every commercial unit: the register's premises that are not re-purposed and the approved
    shops no premise points at), the vacancy duration in the planners' bands (friction up to a year,
    long-term 1 to 3 years, structural over 3 years), the same rates per street (most vacant first) and at
    the end of each of the last 12 months."""
    return analysis_json(analysis.city_analysis(g.city)), 200, NO_STORE
