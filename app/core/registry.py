"""Small registries so each feature plugs into shared pages without editing them.

- nav items: the city app's bottom navigation
- studio sections: tiles on a city's studio dashboard
- home sections: blocks on the city home page (a template plus a context loader)
- staff checks: "does this person run something for others?" (e.g. owns a shop), asked by accounts
  to cap the login lifetime of staff without importing the features that know
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


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    studio: list[NavItem] = field(default_factory=list)
    home: list[HomeSection] = field(default_factory=list)
    staff_checks: list[Callable[[object], bool]] = field(default_factory=list)


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
