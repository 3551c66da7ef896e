"""The matchmaker's score and reasons (app.premises.services.matching), without a database."""
from datetime import date

from app.premises.services.matching import (DEFAULT_WEIGHTS, PremiseFacts, ProfileFacts, StreetFacts, clean_weights,
                                            footfall_tertiles, rank, score)

TODAY = date(2026, 12, 2)
PREMISE = PremiseFacts(1, "Ooststraat", 60, 1200, 1400, ("long", "popup"), "vacant")


def profile(**changes):
    values = {"id": 7, "category": "food_drink", "area_min": 45, "area_max": 80, "budget_max": 1500,
              "lease_types": ("long",), "opening_on": date(2027, 3, 1)}
    values.update(changes)
    return ProfileFacts(**values)


def codes(fit):
    return [reason.code for reason in fit.reasons]


def test_a_perfect_fit_scores_100_and_says_why():
    fit = score(PREMISE, profile(), StreetFacts({}, {"fashion": 8, "food_drink": 2}), today=TODAY)
    assert codes(fit) == ["area_within", "rent_within", "lease_offered", "street_gap", "vacant_for_opening"]
    assert fit.reasons[0].params == {"area": 60, "min": 45, "max": 80}
    assert fit.reasons[3].params["in_centre"] == 2 and fit.reasons[3].params["centre_total"] == 10
    # mix is 0.7 * 1 + 0.3 * (1 - 0.2 * 4) = 0.76: everything else full
    assert fit.parts["mix"] == 0.76
    assert fit.score == round(100 * (3 + 3 + 2 + 1 + 2 * 0.76) / 11)


def test_without_figures_the_demand_and_footfall_parts_are_left_out():
    fit = score(PREMISE, profile(), StreetFacts(), today=TODAY)
    assert "demand" not in fit.parts and "footfall" not in fit.parts
    assert not {"stamps_share", "footfall_top"} & set(codes(fit))


def test_street_figures_add_demand_and_footfall_reasons():
    street = StreetFacts({"food_drink": 0}, {"food_drink": 1, "fashion": 9}, stamps=10,
                         stamps_by_category={"food_drink": 3, "fashion": 7}, footfall_tertile=1)
    fit = score(PREMISE, profile(), street, today=TODAY)
    share = next(reason for reason in fit.reasons if reason.code == "stamps_share")
    assert share.params == {"category": "food_drink", "tenths": 3}
    assert "footfall_top" in codes(fit)
    assert fit.parts["footfall"] == 1.0 and fit.parts["demand"] == 0.9


def test_area_and_rent_outside_lower_the_score():
    small = score(PREMISE, profile(area_min=100, area_max=150, budget_max=1000), StreetFacts(), today=TODAY)
    assert {"area_small", "rent_over"} <= set(codes(small))
    assert small.parts["area"] == 0.6 and small.parts["budget"] == 0.8
    large = score(PREMISE, profile(area_min=20, area_max=40), StreetFacts(), today=TODAY)
    assert "area_large" in codes(large) and large.parts["area"] == 0.5
    partly = score(PREMISE, profile(budget_max=1300), StreetFacts(), today=TODAY)
    assert "rent_partly" in codes(partly) and partly.parts["budget"] == 0.6


def test_lease_timeline_and_state():
    shortonly = score(PREMISE, profile(lease_types=("short",)), StreetFacts(), today=TODAY)
    assert "lease_missing" in codes(shortonly) and shortonly.parts["lease"] == 0
    far = score(PREMISE, profile(opening_on=date(2028, 6, 1)), StreetFacts(), today=TODAY)
    assert "opening_far" in codes(far) and far.parts["timeline"] == 0.3
    option = PremiseFacts(2, "Ooststraat", 60, 1200, 1400, ("long",), "option")
    assert score(option, profile(), StreetFacts(), today=TODAY).parts["timeline"] == 0.5


def test_unknown_facts_are_left_out_not_counted_against():
    bare = profile(area_min=None, area_max=None, budget_max=None, lease_types=())
    fit = score(PREMISE, bare, StreetFacts(), today=TODAY)
    assert set(fit.parts) == {"timeline", "mix"}


def test_weights_change_the_ranking_and_a_zero_weight_drops_its_reason():
    cheap = profile(id=1, area_min=100, area_max=120)  # area wrong, budget fine
    roomy = profile(id=2, budget_max=900)  # area right, budget wrong
    street = StreetFacts()
    by_area = rank([score(PREMISE, p, street, {"area": 10, "budget": 1}, today=TODAY) for p in (cheap, roomy)])
    by_budget = rank([score(PREMISE, p, street, {"area": 1, "budget": 10}, today=TODAY) for p in (cheap, roomy)])
    assert [fit.profile_id for fit in by_area] == [2, 1]
    assert [fit.profile_id for fit in by_budget] == [1, 2]
    silent = score(PREMISE, cheap, street, {"area": 0}, today=TODAY)
    assert "area_small" not in codes(silent)


def test_clean_weights_bounds_and_defaults():
    assert clean_weights(None) == DEFAULT_WEIGHTS
    assert clean_weights({"area": 99, "budget": -3, "bogus": 4})["area"] == 10
    assert clean_weights({"budget": -3})["budget"] == 0 and "bogus" not in clean_weights({"bogus": 4})


def test_footfall_tertiles():
    thirds = footfall_tertiles({"Ooststraat": 900, "Noordstraat": 600, "Zuidstraat": 300})
    assert thirds == {"Ooststraat": 1, "Noordstraat": 2, "Zuidstraat": 3}
    assert footfall_tertiles({}) == {}
