"""Signals other features listen to (loyalty merges an anonymous shopper's cards on login)."""
from blinker import Namespace

_signals = Namespace()

# sender: the account now logged in; kwargs: previous=<anonymous User being replaced>
anonymous_account_replaced = _signals.signal("anonymous-account-replaced")
# sender: the user about to be deleted (privacy); listeners anonymise their rows
user_deleting = _signals.signal("user-deleting")
