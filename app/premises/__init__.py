"""The vacancy register: a city's empty and let premises, their history, the incentives that apply, the
analysis of vacancy (rates per street and over time, duration bands) and its CSV import/export."""


def init_app(app):
    from app.premises import models  # noqa: F401 - models register with the metadata
    from app.premises.match_setup import init_match
    init_match(app)  # room match: the public pages, the entrepreneurs and the matchmaker
