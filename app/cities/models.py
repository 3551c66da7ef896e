"""A city: the tenant. Holds its names, centre, theme, map settings and lifecycle (draft or live)."""
from enum import StrEnum

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.config import SUPPORTED_LOCALES
from app.core.contrast import readable_on
from app.core.i18n import translate
from app.core.models import JSONData, TimestampMixin, TranslatedJSON
from app.extensions import db

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors"


class CityStatus(StrEnum):
    """A draft town is being prepared: only its marketers and the platform admins see it. Live: everyone."""
    DRAFT = "draft"
    LIVE = "live"


class City(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    names: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    center_lat: Mapped[float] = mapped_column(Float, nullable=False)
    center_lon: Mapped[float] = mapped_column(Float, nullable=False)
    default_locale: Mapped[str] = mapped_column(String(5), nullable=False, default="nl")
    primary_color: Mapped[str] = mapped_column(String(7), nullable=False)
    accent_color: Mapped[str] = mapped_column(String(7), nullable=False)
    background_color: Mapped[str] = mapped_column(String(7), nullable=False, default="#FFFFFF")
    text_color: Mapped[str] = mapped_column(String(7), nullable=False, default="#1A1A1A")
    tagline: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    intro: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    logo_key: Mapped[str | None] = mapped_column(String(200))
    hero_key: Mapped[str | None] = mapped_column(String(200))
    tile_url: Mapped[str] = mapped_column(String(300), nullable=False, default=DEFAULT_TILE_URL)
    tile_attribution: Mapped[str] = mapped_column(String(300), nullable=False, default=DEFAULT_TILE_ATTRIBUTION)
    # Bumped on every theme save: busts icon/manifest caches (ETag) and the service worker.
    theme_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # A new town starts as a draft; the migration made the towns that existed before it live.
    status: Mapped[str] = mapped_column(String(10), nullable=False, default=CityStatus.DRAFT.value)
    # The languages the town's app offers (a subset of SUPPORTED_LOCALES, with default_locale in it).
    offered_locales: Mapped[list] = mapped_column(JSONData, nullable=False, default=lambda: list(SUPPORTED_LOCALES))
    # Where people write about their data: an email address or a web address (else the platform's contact).
    privacy_contact: Mapped[str | None] = mapped_column(String(200))

    @property
    def is_live(self) -> bool:
        return self.status == CityStatus.LIVE

    @property
    def locales(self) -> tuple[str, ...]:
        """The offered languages in the app's order (all of them for a row without a choice)."""
        offered = set(self.offered_locales or SUPPORTED_LOCALES)
        return tuple(code for code in SUPPORTED_LOCALES if code in offered) or SUPPORTED_LOCALES

    @property
    def name(self) -> str:
        return translate(self.names, fallback=self.default_locale)

    @property
    def on_primary(self) -> str:
        return readable_on(self.primary_color)

    @property
    def monogram(self) -> str:
        return (self.names.get(self.default_locale) or self.slug)[:1].upper()

    def __repr__(self) -> str:
        return f"<City {self.slug}>"
