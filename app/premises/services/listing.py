"""The public list of premises: the available ones (vacant or under option) of a city, filtered, with their
photos and incentives in one query each (selectinload), never a private field (the schemas and templates
show only public ones)."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.premises.models import Premise, PremiseState

AVAILABLE = (PremiseState.VACANT.value, PremiseState.OPTION.value)


def public_premises(city, filters: dict | None = None) -> list[Premise]:
    filters = filters or {}
    query = (select(Premise).where(Premise.city_id == city.id, Premise.state.in_(AVAILABLE))
             .options(selectinload(Premise.photos), selectinload(Premise.incentives))
             .order_by(Premise.street, Premise.address, Premise.id))
    if filters.get("area_min") is not None:
        query = query.where(Premise.floor_area_m2 >= filters["area_min"])
    if filters.get("area_max") is not None:
        query = query.where(Premise.floor_area_m2 <= filters["area_max"])
    if filters.get("rent_max") is not None:
        query = query.where(func.coalesce(Premise.rent_min, Premise.rent_max) <= filters["rent_max"])
    if filters.get("street"):
        query = query.where(func.lower(Premise.street) == filters["street"].strip().lower())
    if filters.get("use"):
        query = query.where(Premise.permitted_uses.ilike(f"%{_like(filters['use'].strip())}%", escape="\\"))
    premises = list(db.session.scalars(query))
    if filters.get("lease"):  # a JSON list: filtered here, the same on SQLite and PostgreSQL
        premises = [premise for premise in premises if filters["lease"] in (premise.lease_types or [])]
    return premises


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def public_premise_or_404(city, premise_id: int) -> Premise:
    from app.premises.services.profiles import available_premise_or_404
    return available_premise_or_404(city, premise_id)


def streets_with_premises(city) -> list[str]:
    return list(db.session.scalars(select(Premise.street).where(Premise.city_id == city.id,
                                                                Premise.state.in_(AVAILABLE))
                                   .distinct().order_by(Premise.street)))


def sitemap_pages(cities) -> list:
    """/sitemap.xml: each live town's premises list and its available premises (one query for all towns)."""
    from app.core.registry import SitemapEntry
    by_id = {city.id: city for city in cities}
    entries = [SitemapEntry(city, "premises_public.index") for city in cities]
    rows = db.session.execute(select(Premise.city_id, Premise.id, Premise.updated_at)
                              .where(Premise.city_id.in_(by_id), Premise.state.in_(AVAILABLE))
                              .order_by(Premise.city_id, Premise.id))
    entries += [SitemapEntry(by_id[city_id], "premises_public.detail", {"premise_id": premise_id}, updated)
                for city_id, premise_id, updated in rows]
    return entries
