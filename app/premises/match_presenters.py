"""What the matchmaker's page and API both show: a candidate with its score and its reasons in words, and the
labels of stages and leases."""
from flask_babel import format_date, lazy_gettext as _l

from app.premises.match_models import MatchStage
from app.premises.services import matching
from app.shops.forms import CATEGORY_LABELS

LEASE_LABELS = {"long": _l("long lease"), "short": _l("short lease"), "popup": _l("pop-up by the week")}
PART_LABELS = {"area": _l("Area"), "budget": _l("Budget"), "lease": _l("Lease"), "timeline": _l("Timeline"),
               "mix": _l("Gap in the shop mix"), "demand": _l("Shoppers' stamps on the street"),
               "footfall": _l("Footfall on the street")}
# What the entrepreneur reads on "Mijn aanvragen".
REQUEST_STATUS = {MatchStage.PROPOSED: _l("Received by the city"), MatchStage.INTRODUCED: _l("Introduced to the owner"),
                  MatchStage.VISIT: _l("Visit planned"), MatchStage.DEAL: _l("Deal"),
                  MatchStage.DROPPED: _l("Not taken further")}
STAGE_LABELS = {MatchStage.PROPOSED: _l("Proposed"), MatchStage.INTRODUCED: _l("Introduced"),
                MatchStage.VISIT: _l("Visit"), MatchStage.DEAL: _l("Deal"), MatchStage.DROPPED: _l("Dropped")}


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


def reason_text(reason: matching.Reason) -> str:
    return matching.describe(reason, category_label=category_label,
                             lease_label=lambda kind: LEASE_LABELS.get(kind, kind),
                             date_label=lambda day: format_date(day, "d MMM yyyy"))


def reasons_json(fit: matching.Fit) -> list[dict]:
    return [{"part": r.part, "code": r.code, "text": reason_text(r), "good": r.good} for r in fit.reasons]


def candidate_json(candidate) -> dict:
    profile, match, user = candidate.profile, candidate.match, candidate.user
    return {"score": candidate.fit.score, "reasons": reasons_json(candidate.fit),
            "profile_id": profile.id if profile else None, "concept": profile.name if profile else None,
            "category": profile.category if profile else None,
            "entrepreneur": user.display_name or user.email or "",
            "match_id": match.id if match else None, "stage": match.stage if match else None,
            "origin": match.origin if match else None, "version": match.version if match else None}
