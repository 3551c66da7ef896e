"""Demo shops: 4-5 fictional shops per city on its real shopping streets (see demo_texts.py).

Idempotent: shops are upserted by (city, slug); photos are only generated for a shop without any,
so a second run adds no rows and no files. Photos are drawn with Pillow (no downloads) and stored
through save_image like any upload.
"""
import csv
import io
import random
from datetime import timedelta

from flask import current_app
from PIL import Image, ImageDraw
from sqlalchemy import select

from app.accounts import invitations
from app.accounts.demo import upsert_user
from app.accounts.invitations import grant_membership
from app.core.auth import Role
from app.accounts.models import Invitation
from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.core import clock, mail
from app.demo import FACTS_FILE, city_facts
from app.extensions import db
from app.media.service import save_image
from app.shops import demo_street
from app.shops.demo_art import PHOTO_SIZE, draw_front, rgb, storefront_style
from app.shops.demo_texts import IMPORTED_PROFILES, SHOPS
from app.shops.models import Shop, ShopPhoto, ShopStatus
from app.shops.services import profiles, review
from app.shops.services.claims import OWNER_ROLE, claim_shop
from app.shops.services.imports import import_shops
from app.shops.services.profiles import shop_slug

INSIDE_SIZE = (PHOTO_SIZE[1], PHOTO_SIZE[0])  # portrait
SPOTLIGHT_DAYS = 90
CATEGORY_COLOURS = {
    "fashion": ("#7A3E48", "#E8C9A9"), "food_drink": ("#5B3A29", "#F2D3A0"), "design_crafts": ("#2F5D62", "#DFD3C3"),
    "books_music": ("#3B4A6B", "#F4E9D8"), "home_living": ("#6B705C", "#EDE0D4"), "beauty_health": ("#9C6644", "#F7E1D7"),
    "kids": ("#E07A5F", "#F4F1DE"), "sports": ("#1D3557", "#A8DADC"), "second_hand_vintage": ("#8D5A97", "#F1E3D3"),
    "services": ("#264653", "#E9C46A"), "other": ("#444444", "#EEEEEE"),
}
ALT = {
    "front": {"nl": "De etalage van {name}", "en": "The shop window of {name}", "fr": "La vitrine de {name}",
              "de": "Das Schaufenster von {name}"},
    "inside": {"nl": "Binnen bij {name}: rekken vol producten", "en": "Inside {name}: shelves full of products",
               "fr": "À l’intérieur de {name} : des rayons pleins de produits", "de": "Bei {name}: Regale voller Waren"},
}


def _inside(primary: str, dark: str, light: str, rng: random.Random) -> bytes:
    """Shelves with goods and a counter, in the shop's colours: an upright photo, as a phone takes one inside,
    so every demo gallery shows a landscape and a portrait photo side by side."""
    w, h = INSIDE_SIZE
    img = Image.new("RGB", INSIDE_SIZE, rgb(light))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h - 140, w, h], fill=rgb(dark))  # floor
    for shelf in range(6):
        y = 120 + shelf * 110
        d.rectangle([40, y, w - 40, y + 12], fill=(120, 84, 56))
        x = 60
        while x < w - 100:
            width, height = rng.randint(30, 70), rng.randint(40, 90)
            colour = rgb(primary) if rng.random() < .25 else tuple(rng.randint(50, 235) for _ in range(3))
            d.rounded_rectangle([x, y - height, x + width, y], radius=5, fill=colour)
            x += width + rng.randint(8, 20)
    d.rounded_rectangle([w // 2 - 200, h - 200, w // 2 + 200, h - 60], radius=12, fill=rgb(primary))  # counter
    d.ellipse([w // 2 + 120, h - 260, w // 2 + 190, h - 190], fill=(250, 250, 245))
    return _jpeg(img)


def _jpeg(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def front_picture(shop: Shop, name: str, primary: str, rng: random.Random) -> Image.Image:
    """The shop's front as the demo draws it: its category's awning, windows and goods, in its colours."""
    dark, light = CATEGORY_COLOURS[shop.category]
    return draw_front(name, storefront_style(shop.slug, shop.category), primary, dark, light, rng)


def _add_photos(shop: Shop, name: str, primary: str) -> None:
    dark, light = CATEGORY_COLOURS[shop.category]
    rng = random.Random(shop.slug)  # same drawing on every machine
    images = [("front", _jpeg(front_picture(shop, name, primary, rng))), ("inside", _inside(primary, dark, light, rng))]
    for position, (kind, data) in enumerate(images):
        stored = save_image(data, f"shops/{shop.id}")
        alt = {locale: text.format(name=name) for locale, text in ALT[kind].items()}
        shop.photos.append(ShopPhoto(position=position, phone_key=stored.phone_key, thumb_key=stored.thumb_key,
                                     width=stored.width, height=stored.height, alt=alt))


def _place(street: dict, index: int) -> tuple[float, float]:
    # A few metres apart along the street so markers on the same street do not overlap.
    return round(street["lat"] + 0.00018 * (index % 3 - 1), 6), round(street["lon"] + 0.00022 * (index % 2), 6)


# Accessibility as merchants gave it (varied: an old town house with a step, a new shop front, a café with a
# toilet). Every fourth shop of a town has not filled it in, so its merchant sees the prompt.
ACCESS_PROFILES = (
    {"step_free": True, "door_width_cm": 95, "accessible_toilet": False, "seating": True, "quiet_hours": None,
     "assistance_dogs": True},
    {"step_free": False, "door_width_cm": 78, "accessible_toilet": None, "seating": True,
     "quiet_hours": {"days": ["tue", "wed", "thu", "fri"], "from": "10:00", "until": "11:00"}, "assistance_dogs": True},
    {"step_free": True, "door_width_cm": 110, "accessible_toilet": True, "seating": True, "quiet_hours": None,
     "assistance_dogs": True},
    None,
    {"step_free": True, "door_width_cm": None, "accessible_toilet": None, "seating": False,
     "quiet_hours": {"days": ["mon"], "from": "14:00", "until": "16:00"}, "assistance_dogs": True},
)


def _demo_accessibility(shop: Shop, n: int) -> None:
    """Only for a shop whose merchant gave nothing yet: a second load keeps what was filled in by hand."""
    profile = ACCESS_PROFILES[(n - 1) % len(ACCESS_PROFILES)]
    if profile and not shop.accessibility_given:
        for field, value in profile.items():
            setattr(shop, field, value)


def load() -> None:
    _load_fictional()
    demo_street.load()
    for facts in city_facts():
        if facts.get("import"):
            # Merchants' notices and invitations are composed with links (a request's host) and not sent.
            with current_app.test_request_context("/"), mail.held_back():
                _load_imported(facts)


def _load_fictional() -> None:
    streets = {facts["slug"]: {s["name"]: s for s in facts["shopping_streets"]} for facts in city_facts()}
    now = clock.now()
    today = clock.today()
    for city in db.session.execute(select(City).order_by(City.slug)).scalars():
        for n, spec in enumerate(SHOPS.get(city.slug, []), start=1):
            owner = upsert_user(f"merchant{n}@{city.slug}.kick.test", f"{spec['name']}")
            db.session.flush()
            slug = shop_slug(spec["name"])
            shop = db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.slug == slug)).scalar_one_or_none()
            street = streets[city.slug][spec["street"]]
            lat, lon = _place(street, n)
            values = {
                "owner_id": owner.id, "name": {"nl": spec["name"]}, "tagline": spec["tagline"], "story": spec["story"],
                "category": spec["category"], "address": f"{spec['street']} {spec['number']}", "lat": lat, "lon": lon,
                "opening_hours": spec["hours"], "website": spec.get("website"), "phone": spec.get("phone"),
                "languages": spec["languages"],
            }
            if shop is None:
                status = spec.get("status", ShopStatus.APPROVED.value)
                shop = Shop(city_id=city.id, slug=slug, status=status, submitted_at=now,
                            approved_at=now if status == ShopStatus.APPROVED else None)
                db.session.add(shop)
            for key, value in values.items():
                if getattr(shop, key) != value:
                    setattr(shop, key, value)
            _demo_accessibility(shop, n)
            if spec.get("spotlight") and (shop.featured_until is None or shop.featured_until < today):
                shop.featured_from, shop.featured_until, shop.featured_rank = today, today + timedelta(days=SPOTLIGHT_DAYS), 1
            db.session.flush()
            if not shop.photos:
                _add_photos(shop, spec["name"], city.primary_color)
            if n == 1:  # the first shop of each city has a shop assistant (shop staff: counter and rewards)
                helper = upsert_user(f"staff@{city.slug}.kick.test", f"Winkelhulp {spec['name']}")
                db.session.flush()
                grant_membership(helper, Role.STAFF, city.id, shop.id)
    db.session.flush()


# ---------------------------------------------------------------- a town onboarded through the import


def _load_imported(facts: dict) -> None:
    """The town's shops.csv through the studio's import code (as its marketer), then the claimed shops
    completed, sent for review and approved the way their merchants and the city team would. A second run
    imports nothing (every row is already there) and leaves finished shops alone."""
    city = db.session.execute(select(City).where(City.slug == facts["slug"])).scalar_one()
    marketer = find_user_by_email(f"marketer@{city.slug}.kick.test")
    csv_file = FACTS_FILE.parent / facts["import"]["dir"] / "shops.csv"
    with csv_file.open("rb") as stream:
        import_shops(marketer, city, stream)
    for email, slug in _claims(csv_file, city):
        shop = db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.slug == slug)).scalar_one()
        if shop.owner_id is None:
            owner = upsert_user(email, shop.display_name)
            db.session.flush()
            _accept_invitation(owner, shop)
            db.session.commit()
        profile = IMPORTED_PROFILES.get(slug)
        if profile and shop.status == ShopStatus.DRAFT:
            _complete(shop, profile)


def _accept_invitation(owner, shop: Shop) -> None:
    """What the merchant does with the mailed link: accept the invitation the import sent (the whole path)."""
    invitation = db.session.execute(select(Invitation).where(
        Invitation.shop_id == shop.id, Invitation.role == OWNER_ROLE, Invitation.accepted_at.is_(None))
        .order_by(Invitation.id.desc())).scalars().first()
    if invitation is None:  # nothing was mailed (an address the import refused): the city assigns it
        claim_shop(owner, shop.id, shop.city_id)
        return
    invitations.accept(invitations.invitation_link(invitation).rsplit("/", 1)[-1], owner)


def _claims(csv_file, city) -> list[tuple[str, str]]:
    """(email, shop slug) of the rows whose address is a demo merchant's (the others stay invitations)."""
    with csv_file.open(encoding="utf-8-sig", newline="") as text:
        rows = list(csv.DictReader(text))
    return [(row["email"], shop_slug(row["name"])) for row in rows
            if row["email"].endswith(f"@{city.slug}.kick.test")]


def _complete(shop: Shop, profile: dict) -> None:
    profiles.update_shop(shop, {"tagline": profile["tagline"], "story": profile["story"],
                                "opening_hours": profile["hours"], "languages": profile["languages"]})
    profiles.submit_shop(shop)
    review.approve(shop)
    if profile.get("spotlight"):
        today = clock.today()
        review.set_spotlight(shop, today, today + timedelta(days=SPOTLIGHT_DAYS), 1)
    if not shop.photos:
        _add_photos(shop, shop.display_name, shop.city.primary_color)
        db.session.commit()
