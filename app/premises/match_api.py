"""JSON API of the public premises and the matchmaker (room match): the available premises (public), an
entrepreneur's interest (signed in), the ranked entrepreneurs of a premise, stage moves and the city's weights
(marketers of the city)."""
from flask import g
from flask_login import login_required
from flask_smorest import Blueprint

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.core.schemas import ProblemSchema
from app.core.tenancy import get_in_city_or_404
from app.premises.match_presenters import candidate_json
from app.premises.models import Premise
from app.premises.public_schemas import (InterestAnswerSchema, InterestSchema, MatchAnswerSchema, PremiseQuerySchema,
                                         PublicPremiseSchema, StageAnswerSchema, StageSchema, WeightsSchema)
from app.premises.services import listing, matchmaking, profiles, stages
from app.core.unit_of_work import unit_of_work

blp = Blueprint("premises_match_api", __name__, description="Available premises and the city's matchmaker")


@blp.route("/cities/<city>/premises", methods=["GET"])
@blp.arguments(PremiseQuerySchema, location="query")
@blp.response(200, PublicPremiseSchema(many=True))
def list_premises(query):
    """The city's available premises (vacant or under option), without private fields; filter with `area_min`,
    `area_max`, `rent_max`, `lease` (long, short, popup), `use` and `street`."""
    return listing.public_premises(g.city, query)


@blp.route("/cities/<city>/premises/<int:premise_id>/interest", methods=["POST"])
@login_required
@blp.arguments(InterestSchema)
@blp.response(201, InterestAnswerSchema)
@blp.alt_response(401, schema=ProblemSchema, description="Not signed in, or only as an anonymous shopper")
@blp.alt_response(404, schema=ProblemSchema, description="No such available premise in this city")
def express_interest(body, premise_id):
    """Express interest in an available premise with a short `note` (signed-in people with an account; the
    concept profile is optional at first). Asking again changes the note of the same request."""
    with unit_of_work() as work:
        match = profiles.express_interest(current_actor(), g.city, premise_id, body["note"])
    if work.refused:
        raise work.problem
    return match


@blp.route("/cities/<city>/premises/<int:premise_id>/matches", methods=["GET"])
@marketer_required
@blp.response(200, MatchAnswerSchema(many=True))
def list_premise_matches(premise_id):
    """The entrepreneurs for a premise ranked by fit (those who asked and the profiles open to proposals), each
    with its `score` (0-100) and `reasons` in the interface language. Marketers of the city only."""
    premise = get_in_city_or_404(Premise, premise_id, g.city)
    return [candidate_json(c) for c in matchmaking.candidates_for_premise(g.city, premise)]


@blp.route("/cities/<city>/premise-matches/<int:match_id>/stage", methods=["POST"])
@marketer_required
@blp.arguments(StageSchema)
@blp.response(200, StageAnswerSchema)
@blp.alt_response(409, schema=ProblemSchema, description="Someone else moved the match (stage_conflict)")
@blp.alt_response(422, schema=ProblemSchema, description="Not a stage the match can go to")
def move_match_stage(body, match_id):
    """Move a match (proposed -> introduced -> visit -> deal, or dropped) made on `version`. The first
    introduction mails both sides; a deal makes the premise let."""
    with unit_of_work() as work:
        match = stages.move(current_actor(), g.city, match_id, body["stage"], version=body["version"],
                            note=body["note"], on=body["on"])
    if work.refused:
        raise work.problem
    return match


@blp.route("/cities/<city>/premise-match-weights", methods=["GET"])
@marketer_required
@blp.response(200, WeightsSchema)
def get_match_weights():
    """The city's weights of the score parts (0-10; defaults in app.premises.services.matching)."""
    return matchmaking.weights_of(g.city)


@blp.route("/cities/<city>/premise-match-weights", methods=["PUT"])
@marketer_required
@blp.arguments(WeightsSchema)
@blp.response(200, WeightsSchema)
def set_match_weights(body):
    """Change the weights of the score parts (a part left out keeps its default)."""
    with unit_of_work():
        saved = matchmaking.save_weights(g.city, body)
    return saved  # save_weights refuses nothing: the schema bounds every weight
