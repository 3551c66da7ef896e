"""Why a scan is refused: one stable machine code, an HTTP status and a message for people.

Every refusal is also counted (ScanRefusal) so merchants and cities see why scans fail.
"""
from flask_babel import format_datetime, gettext as _, lazy_gettext as _l

from app.core.problem import ProblemError
from app.extensions import db
from app.loyalty.models import RefusalReason, ScanRefusal

STATUS = {RefusalReason.INVALID: 422, RefusalReason.EXPIRED: 410, RefusalReason.WRONG_CITY: 422,
          RefusalReason.PAUSED: 409, RefusalReason.COOLDOWN: 409, RefusalReason.OWN_SHOP: 409}
# A reason as a merchant's or a marketer's figures name it (the merchant's stats, the city's dashboard and CSV).
LABELS = {RefusalReason.INVALID: _l("Invalid code"), RefusalReason.EXPIRED: _l("Expired code"),
          RefusalReason.WRONG_CITY: _l("Code of another city"), RefusalReason.PAUSED: _l("Stamps paused"),
          RefusalReason.COOLDOWN: _l("Too soon (already stamped)"), RefusalReason.OWN_SHOP: _l("Own shop (owner)")}


def label(reason: str) -> str:
    """The reason's name in the reader's language (an unknown code as it is)."""
    return str(LABELS.get(reason, reason))


def message(reason: RefusalReason, next_at=None) -> str:
    if reason == RefusalReason.EXPIRED:
        return _("This code has expired. Scan the code that is on the screen at the counter now.")
    if reason == RefusalReason.WRONG_CITY:
        return _("This code belongs to a shop in another city. Open the app of that city to collect it.")
    if reason == RefusalReason.PAUSED:
        return _("This shop is not giving stamps at the moment.")
    if reason == RefusalReason.OWN_SHOP:
        return _("This is your own shop: you give stamps and rewards here, you cannot collect them yourself.")
    if reason == RefusalReason.COOLDOWN:
        if next_at is not None:
            return _("You already got a stamp here. Your next stamp is possible from %(when)s.",
                     when=format_datetime(next_at, "EEEE d MMMM, HH:mm"))
        return _("You already got a stamp here.")
    return _("This code is not valid. Scan the code at the counter again.")


def refuse(reason: RefusalReason, *, city_id: int | None, shop_id: int | None = None, next_at=None) -> ProblemError:
    """Undo the scan's work, count the refusal, and return the error for the caller to raise."""
    reason = RefusalReason(reason)  # also a codes.CodeError reason, which uses the same words
    db.session.rollback()  # our own logic: the refusal is counted (committed) without the scan's work
    if city_id is not None:
        db.session.add(ScanRefusal(city_id=city_id, shop_id=shop_id, reason=reason.value))
        db.session.commit()
    extra = {"next_stamp_at": next_at.isoformat()} if next_at is not None else None
    return ProblemError(STATUS[reason], message(reason, next_at), code=reason.value, title=_("No stamp"), extra=extra)
