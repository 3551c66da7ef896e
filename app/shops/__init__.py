"""Shops: merchant sign-up, shop profiles, city approval, spotlights."""


def init_app(app):
    from app.shops import models  # noqa: F401 - register the models with the metadata
