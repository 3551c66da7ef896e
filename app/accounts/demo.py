"""Demo accounts: one admin, a marketer and a city desk per city, one shopper; password from KICK_DEMO_PASSWORD.
(Shop owners and shop staff come with the shops demo.)"""
from flask import current_app
from sqlalchemy import select

from app.accounts import services
from app.accounts.invitations import grant_membership
from app.core.auth import Role
from app.core import clock
from app.cities.models import City
from app.extensions import db


def upsert_user(email: str, display_name: str, **fields):
    password = current_app.config["KICK_DEMO_PASSWORD"]
    user = services.find_user_by_email(email)
    if user is None:
        user = services.new_user(email, password, display_name, **fields)
    elif not user.check_password(password):
        user.set_password(password)  # only when it differs: a re-run must change nothing
    if user.email_verified_at is None:
        user.email_verified_at = clock.now()  # demo addresses (.test) cannot receive the link
    for key, value in fields.items():
        if getattr(user, key) != value:
            setattr(user, key, value)
    return user


def load() -> None:
    upsert_user("admin@kick.test", "KICK admin", is_admin=True)
    upsert_user("shopper@kick.test", "Demo shopper")
    db.session.flush()
    for city in db.session.execute(select(City)).scalars():
        marketer = upsert_user(f"marketer@{city.slug}.kick.test", f"Marketing {city.names['nl']}")
        db.session.flush()
        services.grant_marketer(marketer, city)
        desk = upsert_user(f"desk@{city.slug}.kick.test", f"Stadsbalie {city.names['nl']}")
        db.session.flush()
        grant_membership(desk, Role.DESK, city.id)
    db.session.flush()
