"""Closing the request's database session when PostgreSQL has cut the connection meanwhile.

The session is closed after the answer is built; closing rolls back, and on a connection that
PostgreSQL terminated (restart, failover) that ROLLBACK raises. Unhandled, it turned an answered
request into a bare 500 (found by `bench/load --fault pg-restart`). Here the session is closed
first; a dead connection is invalidated (no ROLLBACK needed: the server has ended the transaction)
and the pool's pre-ping replaces it on the next checkout.
"""
import logging

from sqlalchemy.exc import DBAPIError

from app.extensions import db

log = logging.getLogger(__name__)


def close_session(_exc=None) -> None:
    try:
        db.session.remove()
    except DBAPIError as error:
        log.warning("database connection lost while closing the session: %s", error.__class__.__name__)
        try:
            db.session.registry().invalidate()
        finally:
            db.session.registry.clear()


def init_app(app) -> None:
    # Teardowns run last-registered first, so this one runs before Flask-SQLAlchemy's own (which
    # then finds no session left to close).
    app.teardown_appcontext(close_session)
