"""Small registries so each feature plugs into shared pages without editing them.

- nav items: the city app's bottom navigation
- studio sections: tiles on a city's studio dashboard
- panels: blocks a feature adds to a page it does not own (a template plus a context loader), in a
  named slot the page declares: the city home (HOME), shops' "shop_page" and "merchant_shop"
- staff checks: "does this person run something for others?" (e.g. owns a shop), asked by accounts
  to cap the login lifetime of staff without importing the features that know
- privacy parts: a feature's part of a person's privacy rights (app.privacy calls them and imports
  no feature)
- admin sections: tiles on the platform admin's dashboard (/admin/), like studio sections
- areas: where a person's work is ("Mijn winkels", "Stadsstudio", "Stadsbalie", "Beheer"): the menu links to
  them and a login lands on the first that is theirs (accounts.landing)
- city figures: a number per town on the admin dashboard ("approved shops"); the loader answers for every
  town at once ({city_id: number}, one grouped query), so the dashboard costs one query per figure
- sitemap parts: a feature's public pages for /sitemap.xml; the loader answers for all live towns at once
  (one query per part, never one per town), so the sitemap's cost does not grow with the towns
- map layers: overlays a feature offers on every public city map (parking, road works): a GeoJSON URL per
  city that static/js/map.js loads when the visitor switches the layer on, so a map page needs no query
- street activity: what is known of each street's activity (shoppers' stamps, counted footfall), from a feature
  above the one that asks (the figures answer the premises' matchmaker, which may not import them)
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
class Panel:
    template: str
    loader: Callable[[object], dict | None]  # the page's object (e.g. the shop) -> context, or None to hide
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


@dataclass(frozen=True)
class Area:
    label: object  # lazy_gettext string
    url: Callable[[object, object], str | None]  # (user, the page's city or None) -> the area's URL, or None
    order: int  # place in the menu
    landing: int  # lower wins: after login a person lands in their area with the lowest number


@dataclass(frozen=True)
class CityFigure:
    key: str
    label: object  # lazy_gettext string
    loader: Callable[[], dict[int, int]]  # () -> {city_id: number} for every town (missing: 0)
    order: int


@dataclass(frozen=True)
class PickerFact:
    key: str
    loader: Callable[[list], dict[int, str]]  # live towns -> {city_id: a short line in the page's language}
    order: int


@dataclass(frozen=True)
class SitemapEntry:
    city: object  # the live town the page belongs to
    endpoint: str
    values: dict = field(default_factory=dict)  # URL values besides the city (e.g. {"slug": ...})
    lastmod: object = None  # a datetime or date, or None


@dataclass(frozen=True)
class SitemapPart:
    loader: Callable[[list], list[SitemapEntry]]  # live towns -> their public pages of this feature
    order: int


@dataclass(frozen=True)
class MapLayer:
    key: str  # stable name, also the device's remembered choice (KickStore "map-layers")
    label: object  # lazy_gettext string, shown in the layer switcher
    url: Callable[[object], str | None]  # city -> same-origin URL of a GeoJSON FeatureCollection, None: no layer
    order: int
    default_on: bool = False  # shown before the visitor chooses (e.g. road works that are on now)


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    studio: list[NavItem] = field(default_factory=list)
    panels: dict[str, list[Panel]] = field(default_factory=dict)
    staff_checks: list[Callable[[object], bool]] = field(default_factory=list)
    privacy: list[PrivacyPart] = field(default_factory=list)
    admin: list[NavItem] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    city_figures: list[CityFigure] = field(default_factory=list)
    picker_facts: list[PickerFact] = field(default_factory=list)
    sitemap: list[SitemapPart] = field(default_factory=list)
    map_layers: list[MapLayer] = field(default_factory=list)
    street_activity: list[Callable[[object], dict]] = field(default_factory=list)


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


def add_admin_section(app, endpoint, label, icon, order):
    """A tile on the platform admin's dashboard (/admin/) linking to `endpoint` (a page outside the cities)."""
    reg = get_registry(app)
    reg.admin.append(NavItem(endpoint, label, icon, order))
    reg.admin.sort(key=lambda item: item.order)


def add_area(app, label, url: Callable[[object, object], str | None], *, order: int, landing: int) -> None:
    """A person's work area: `url(user, city)` is its address for them (None: not theirs); see `Area`."""
    reg = get_registry(app)
    reg.areas.append(Area(label, url, order, landing))
    reg.areas.sort(key=lambda area: area.order)


def add_city_figure(app, key: str, label, loader: Callable[[], dict[int, int]], order: int = 50) -> None:
    """A figure per town on the admin dashboard: `loader()` returns {city_id: number} for all towns in one
    grouped query (a town it leaves out shows 0)."""
    reg = get_registry(app)
    if any(figure.key == key for figure in reg.city_figures):
        raise ValueError(f"city figure {key!r} is registered twice")
    reg.city_figures.append(CityFigure(key, label, loader, order))
    reg.city_figures.sort(key=lambda figure: figure.order)


def add_picker_fact(app, key: str, loader: Callable[[list], dict[int, str]], order: int = 50) -> None:
    """What is on in each town, on the town picker ("12 winkels nu open"): `loader(live_cities)` returns
    {city_id: a short line} for those towns in one query (never one per town); a town it leaves out shows none.
    The picker is the same for everybody: a fact is never about the visitor."""
    reg = get_registry(app)
    if any(fact.key == key for fact in reg.picker_facts):
        raise ValueError(f"picker fact {key!r} is registered twice")
    reg.picker_facts.append(PickerFact(key, loader, order))
    reg.picker_facts.sort(key=lambda fact: fact.order)


def picker_facts_for(app, cities: list) -> dict[int, list[str]]:
    """{city_id: [line, ...]} in the facts' order, for the town picker."""
    lines: dict[int, list[str]] = {}
    for fact in get_registry(app).picker_facts:
        for city_id, line in fact.loader(cities).items():
            lines.setdefault(city_id, []).append(line)
    return lines


def add_sitemap_part(app, loader: Callable[[list], list[SitemapEntry]], order: int = 50) -> None:
    """Public pages for /sitemap.xml: `loader(live_cities)` returns the feature's `SitemapEntry`s for all
    those towns in one query (never one per town); only public rows (approved, published), never drafts."""
    reg = get_registry(app)
    reg.sitemap.append(SitemapPart(loader, order))
    reg.sitemap.sort(key=lambda part: part.order)


def add_map_layer(app, key: str, label, url: Callable[[object], str | None], order: int = 50,
                  default_on: bool = False) -> None:
    """An overlay on every public city map. `url(city)` answers a public GeoJSON FeatureCollection whose
    features carry `properties` {"title", "detail" (plain text), "kind", "url" (optional link), "stale"
    (optional: greyed out, e.g. an occupancy past its age limit)}; map.js escapes them and loads the URL only
    when the layer is switched on."""
    reg = get_registry(app)
    if any(layer.key == key for layer in reg.map_layers):
        raise ValueError(f"map layer {key!r} is registered twice")
    reg.map_layers.append(MapLayer(key, label, url, order, default_on))
    reg.map_layers.sort(key=lambda layer: layer.order)


def map_layers_for(app, city) -> list[dict]:
    """The layers a city's public maps offer, as map.js reads them (data-layers)."""
    layers = []
    for layer in get_registry(app).map_layers:
        url = layer.url(city)
        if url:
            layers.append({"key": layer.key, "label": str(layer.label), "url": url, "on": layer.default_on})
    return layers


HOME = "city_home"  # the city home page; its loaders get the city
PRIVACY_PAGE = "privacy_page"  # "what we store and why" on the privacy page; its loaders get the city or None
# A trail's public page (/<city>/trails/<slug>, owned by trails); its loaders get the trail. Here, not in
# app.trails, as the features that fill it (access: parking near the start) are trails' siblings.
TRAIL_PAGE = "trail_page"
FIGURES_PAGE = "figures_page"  # the city's figures dashboard (studio); its loaders get the city


def add_home_section(app, template, loader, order):
    add_panel(app, HOME, template, loader, order)


def add_panel(app, where: str, template: str, loader: Callable[[object], dict | None], order: int = 50) -> None:
    """Show `template` in the slot `where` of another feature's page; `loader(obj)` gives its context
    (the data it shows, loaded by the view rather than by a query from the template) or None to hide it."""
    slot = get_registry(app).panels.setdefault(where, [])
    slot.append(Panel(template, loader, order))
    slot.sort(key=lambda panel: panel.order)


def panels_for(app, where: str, obj) -> list[tuple[str, dict]]:
    """The (template, context) pairs to include in slot `where` for `obj`, hidden ones left out."""
    shown = []
    for panel in get_registry(app).panels.get(where, []):
        context = panel.loader(obj)
        if context is not None:
            shown.append((panel.template, context))
    return shown


def add_staff_check(app, check: Callable[[object], bool]) -> None:
    get_registry(app).staff_checks.append(check)


def add_privacy_part(app, name, *, export_user, forget_user, order, refuse_deletion=None, purge=None,
                     linked_accounts=None):
    reg = get_registry(app)
    reg.privacy.append(PrivacyPart(name, export_user, forget_user, order, refuse_deletion, purge, linked_accounts))
    reg.privacy.sort(key=lambda part: part.order)


def add_street_activity(app, loader: Callable[[object], dict]) -> None:
    """`loader(city)` -> {street: {"stamps": n, "stamps_by_category": {category: n}, "footfall": n}} for the
    city's streets, every figure already hidden (left out, or None) where it would describe fewer shoppers than
    the figures' threshold."""
    get_registry(app).street_activity.append(loader)


def street_activity_for(app, city) -> dict[str, dict]:
    """The registered loaders' street figures for `city`, merged (a later loader adds keys); {} without any."""
    merged: dict[str, dict] = {}
    for loader in get_registry(app).street_activity:
        for street, figures in (loader(city) or {}).items():
            merged.setdefault(street, {}).update(figures)
    return merged
