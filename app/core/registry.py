"""Small registries so each feature plugs into shared pages without editing them.

- nav items: the city app's bottom navigation
- studio sections: tiles on a city's studio dashboard
- home sections: blocks on the city home page (a template plus a context loader)
- staff checks: "does this person run something for others?" (e.g. owns a shop), asked by accounts
  to cap the login lifetime of staff without importing the features that know
- privacy parts: a feature's part of a person's privacy rights (app.privacy calls them and imports
  no feature)
"""
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # lazy_gettext string
    icon: str
    order: int


@dataclass(frozen=True)
class HomeSection:
    template: str
    loader: Callable[[object], dict | None]  # city -> context, or None to hide the block
    order: int


@dataclass(frozen=True)
class PrivacyPart:
    name: str  # the key of the feature's part in the data export
    export_user: Callable[[object], dict]  # user -> the feature's data about them
    forget_user: Callable[..., None]  # listener of accounts.signals.user_deleting (inside the deletion)
    order: int
    refuse_deletion: Callable[[object], object] | None = None  # user -> ProblemError (why not yet) or None
    purge: Callable[[int], list[str]] | None = None  # retention: older_than_days -> lines to print (ValueError)
    # user -> ids of other (anonymous) accounts that are the same person, exported and deleted with them
    linked_accounts: Callable[[object], list[int]] | None = None


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    studio: list[NavItem] = field(default_factory=list)
    home: list[HomeSection] = field(default_factory=list)
    staff_checks: list[Callable[[object], bool]] = field(default_factory=list)
    privacy: list[PrivacyPart] = field(default_factory=list)


def get_registry(app) -> Registry:
    return app.extensions.setdefault("kick_registry", Registry())


def add_nav(app, endpoint, label, icon, order):
    reg = get_registry(app)
    reg.nav.append(NavItem(endpoint, label, icon, order))
    reg.nav.sort(key=lambda item: item.order)


def add_studio_section(app, endpoint, label, icon, order):
    reg = get_registry(app)
    reg.studio.append(NavItem(endpoint, label, icon, order))
    reg.studio.sort(key=lambda item: item.order)


def add_home_section(app, template, loader, order):
    reg = get_registry(app)
    reg.home.append(HomeSection(template, loader, order))
    reg.home.sort(key=lambda item: item.order)


def add_staff_check(app, check: Callable[[object], bool]) -> None:
    get_registry(app).staff_checks.append(check)
def add_privacy_part(app, name, *, export_user, forget_user, order, refuse_deletion=None, purge=None,
                     linked_accounts=None):
    reg = get_registry(app)
    reg.privacy.append(PrivacyPart(name, export_user, forget_user, order, refuse_deletion, purge, linked_accounts))
    reg.privacy.sort(key=lambda part: part.order)
