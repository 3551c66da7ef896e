"""Every committed write to public content retires the cached pages of its town.

Listening to the ORM rather than to the views means no feature has to remember it: publishing a trail, approving
or editing a shop, a theme change, a spotlight, a premise, an event, an access place — and whatever a later
feature adds — all pass through a flush. A mapped class says it is *not* public content with
``page_content = False`` (cards, stamps, accounts, answers: what no anonymous page shows); anything else counts
as public, so a new model errs on the side of a fresh page. The town is the row's ``city_id`` (or the city row
itself); a row without one (a trail's stop, a shop's photo) retires every town, which is rare and always right.

Bulk INSERT/UPDATE/DELETE statements (``session.execute(insert(Shop)...)``) on public tables retire everything too. Raw SQL (migrations, the demo loader's
bulk inserts) is not seen: those run outside the serving app, and pages age out after KICK_PAGE_CACHE_SECONDS.
The scopes are collected at flush and acted on only after the commit, so a rolled-back write retires nothing
and a page rendered before the commit cannot be stored under the new generation.
"""
from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.cities.models import City

PENDING = "kick_page_scopes"


def is_page_content(cls) -> bool:
    return getattr(cls, "page_content", True) is not False


def _scope_of(session, obj) -> str | int:
    if isinstance(obj, City):
        return obj.slug or "*"
    city_id = getattr(obj, "city_id", None)
    return city_id if isinstance(city_id, int) else "*"


def _slugs_for(session, ids: set[int]) -> set[str]:
    # One small query per flush that wrote public rows (writes are rare; pages are read thousands of times).
    slugs = dict(session.connection().execute(select(City.id, City.slug).where(City.id.in_(ids))).all())
    return {slugs.get(city_id, "*") for city_id in ids}


def _collect(session, flush_context) -> None:
    if not has_app_context() or "kick_page_cache" not in current_app.extensions:
        return
    scopes = session.info.setdefault(PENDING, set())
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in [*session.new, *changed, *session.deleted]:
        if is_page_content(type(obj)):
            scopes.add(_scope_of(session, obj))
    ids = {scope for scope in scopes if isinstance(scope, int)}
    if ids:
        scopes -= ids
        scopes |= _slugs_for(session, ids)


def _collect_bulk(state) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and has_app_context() and "kick_page_cache" in current_app.extensions:
        if any(is_page_content(mapper.class_) for mapper in state.all_mappers):
            state.session.info.setdefault(PENDING, set()).add("*")


def _retire(session) -> None:
    scopes = session.info.pop(PENDING, None)
    if scopes and has_app_context() and "kick_page_cache" in current_app.extensions:
        try:
            current_app.extensions["kick_page_cache"].retire(scopes)
        except Exception:  # the write stands; its pages age out (KICK_PAGE_CACHE_SECONDS)
            current_app.logger.warning("page cache: could not retire pages after a write", exc_info=True)


def _forget(session, *args) -> None:
    session.info.pop(PENDING, None)


def install() -> None:
    """Once per process: the listeners are on the Session class, for every app the process makes."""
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "do_orm_execute", _collect_bulk)
        event.listen(Session, "after_commit", _retire)
        event.listen(Session, "after_rollback", _forget)
