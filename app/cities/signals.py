"""Signals of the tenant that other parts listen to (the audit log, later: who set which town live when)."""
from blinker import Namespace

_signals = Namespace()

# sender: the City whose status changed (already flushed, inside the transaction that changes it);
# kwargs: actor=<User who changed it, or None from the command line>, old=<previous status>, new=<new status>
city_status_changed = _signals.signal("city-status-changed")
