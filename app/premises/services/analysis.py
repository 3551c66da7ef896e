"""Reading a town's register and approved shops for the vacancy figures (app.premises.services.vacancy does
the arithmetic): three queries, whatever the size of the register."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from app.core import clock
from app.core.text import street_of
from app.extensions import db
from app.premises.models import Premise, PremiseStateChange
from app.premises.services.vacancy import Analysis, Unit, analyse
from app.shops.models import Shop, ShopStatus


def units_of(city) -> tuple[list[Unit], list[Unit], dict[int, list[tuple[date, str]]]]:
    """(premises, approved shops outside the register, state history by premise id) of `city`."""
    rows = db.session.execute(select(Premise.id, Premise.street, Premise.state, Premise.floor_area_m2,
                                     Premise.vacant_since, Premise.shop_id)
                              .where(Premise.city_id == city.id)).all()
    premises = [Unit(row.street, row.state, row.floor_area_m2, row.vacant_since, row.id) for row in rows]
    linked = {row.shop_id for row in rows if row.shop_id is not None}
    shops = [Unit(street_of(address), "shop") for shop_id, address in db.session.execute(
        select(Shop.id, Shop.address).where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value))
        if shop_id not in linked]
    history: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for premise_id, changed_on, to_state in db.session.execute(
            select(PremiseStateChange.premise_id, PremiseStateChange.changed_on, PremiseStateChange.to_state)
            .join(Premise, Premise.id == PremiseStateChange.premise_id).where(Premise.city_id == city.id)):
        history[premise_id].append((changed_on, to_state))
    return premises, shops, history


def city_analysis(city, months: int = 12) -> Analysis:
    premises, shops, history = units_of(city)
    return analyse(premises, shops, history, clock.today(), months)


def map_points(city) -> dict:
    """The analysis map: vacant premises (and under option) beside the approved shops, as plain points."""
    vacant = [{"lat": lat, "lon": lon, "label": address, "state": state}
              for lat, lon, address, state in db.session.execute(
                  select(Premise.lat, Premise.lon, Premise.address, Premise.state)
                  .where(Premise.city_id == city.id, Premise.state.in_(("vacant", "option")),
                         Premise.lat.is_not(None)).order_by(Premise.address))]
    shops = [{"lat": lat, "lon": lon, "label": address}
             for lat, lon, address in db.session.execute(
                 select(Shop.lat, Shop.lon, Shop.address)
                 .where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value, Shop.lat.is_not(None)))]
    return {"vacant": vacant, "shops": shops}
