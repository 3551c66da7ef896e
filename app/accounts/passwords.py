"""Which passwords an account may have: the same rule for forms, the API and the command line."""
from flask_babel import gettext as _

MIN_PASSWORD_LENGTH = 10
# What a West-Flemish guesser tries first, next to zxcvbn's own lists ("brugge2026" scored as strong).
LOCAL_WORDS = ("kick", "kickcity", "welkom", "westvlaanderen", "vlaanderen", "belgie", "brugge", "bruges",
               "oostende", "ostend", "kortrijk", "roeselare", "ieper", "ypres", "diksmuide", "poperinge", "tielt")


def weakness(password: str, email: str = "", name: str = "") -> str | None:
    """Why this password is refused (in the current language), or None.

    Refuses what a guesser tries first: common words, keyboard walks, dates, and anything built from the
    person's own email or name. zxcvbn (Dropbox's estimator) scores the guesses needed; below 3 of 4 is too
    easy for an account that will hold a city's voucher or run a shop."""
    from zxcvbn import zxcvbn  # noqa: PLC0415 - loads its word lists on first use only
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)
    local = email.split("@", 1)[0].strip().lower()
    if len(local) >= 3 and local in password.lower():
        return _("Do not use your email address in your password.")
    inputs = [part for part in (email, local, name, *name.split(), *LOCAL_WORDS) if part]
    if zxcvbn(password[:72], user_inputs=inputs)["score"] < 3:  # zxcvbn refuses longer input
        return _("This password is too easy to guess. Use a few unusual words or a mix of words, digits and signs.")
    return None
