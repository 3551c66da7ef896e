"""Tenancy: the current city lives in g.city; city-owned rows are read through these helpers.

- City URLs (`/<city>/...`, `/api/v1/cities/<city>/...`) resolve the city once, in
  app.cities.resolve_city: views and API endpoints read g.city and never look the slug up themselves.
- A page outside the city URLs that belongs to one city (a merchant's shop pages) calls enter_city().
- Lookups take the city explicitly (redash `get_by_id_and_org`): get_in_city_or_404(Shop, shop_id, g.city).
- Cross-city access is a 404 (abort(404), shown in the one error shape), never a 403, so a slug or id
  from another city leaks nothing.
"""
from flask import abort, g
from sqlalchemy import select

from app.extensions import db


def current_city():
    city = g.get("city")
    if city is None:
        raise RuntimeError("no city resolved for this request")
    return city


def enter_city(city) -> None:
    """Make `city` the request's city: the page wears its theme and url_for() fills <city> with it."""
    g.city = city


def city_select(model, city):
    """SELECT of a city-scoped model, already filtered to `city`."""
    return select(model).where(model.city_id == city.id)


def first_in_city_or_404(model, city, *criteria, options=()):
    """The first row of `model` in `city` matching `criteria`; none (or only in another city) is a 404."""
    query = city_select(model, city).where(*criteria).options(*options).limit(1)
    obj = db.session.execute(query).scalar_one_or_none()
    if obj is None:
        abort(404)
    return obj


def get_in_city_or_404(model, ident, city):
    """The row of `model` with primary key `ident`, if it belongs to `city`; otherwise a 404."""
    obj = db.session.get(model, ident)
    if obj is None or obj.city_id != city.id:
        abort(404)
    return obj
