"""Tenancy: the current city lives in g.city; city-owned queries go through these helpers.

Cross-city access is a 404, never a 403, so a slug or id from another city leaks nothing.
"""
from flask import abort, g
from sqlalchemy import select

from app.extensions import db


def current_city():
    city = g.get("city")
    if city is None:
        raise RuntimeError("no city resolved for this request")
    return city


def city_select(model, city=None):
    """SELECT of a city-scoped model, already filtered to the current (or given) city."""
    city = city or current_city()
    return select(model).where(model.city_id == city.id)


def city_first_or_404(model, *criteria, city=None):
    obj = db.session.execute(city_select(model, city).where(*criteria).limit(1)).scalar_one_or_none()
    if obj is None:
        abort(404)
    return obj


def city_get_or_404(model, ident, city=None):
    obj = db.session.get(model, ident)
    city = city or current_city()
    if obj is None or obj.city_id != city.id:
        abort(404)
    return obj
