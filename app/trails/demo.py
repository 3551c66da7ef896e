"""Demo trails: per city one heritage trail and one green route from app/demo/cities.json
(coordinates as given), published with a generated cover, plus one draft for the studio.

Idempotent: a trail whose slug exists is left alone, so a marketer's edits survive a re-run.
"""
import io
import math

from PIL import Image, ImageDraw
from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.demo import FACTS_FILE, city_facts
from app.extensions import db
from app.trails.demo_paths import PATHS
from app.trails.demo_texts import BODY, DRAFT, TRAILS, stop_texts, texts
from app.trails.models import RevisionAction, Trail, TrailKind, TrailRevision, TrailStatus, TrailSurface
from app.trails.services.editing import create_trail, set_cover, set_path
from app.trails.services.imports import import_gpx_file
from app.trails.services.publishing import set_status

COVER_SIZE = (1200, 675)


def load() -> None:
    cities = {city.slug: city for city in db.session.execute(select(City)).scalars()}
    trails = {(t.city_id, t.slug): t for t in db.session.execute(select(Trail)).scalars()}
    existing = set(trails)
    for facts in city_facts():
        city = cities.get(facts["slug"])
        if city is not None and facts.get("import"):
            _import(city, FACTS_FILE.parent / facts["import"]["dir"] / "trail.gpx")
        if city is None or facts["slug"] not in TRAILS:
            continue
        for kind, key in ((TrailKind.HERITAGE, "heritage_trail"), (TrailKind.GREEN, "green_route")):
            spec = TRAILS[city.slug][kind]
            if (city.id, spec["slug"]) not in existing:
                _create(city, kind, spec, facts[key]["stops"])
            else:
                _add_path(trails[(city.id, spec["slug"])], PATHS.get((city.slug, spec["slug"])))
        if (city.id, DRAFT["slug"]) not in existing:
            _create_draft(city, facts.get("shopping_streets", []))


def _import(city, gpx_file) -> None:
    """A town onboarded through the studio's import: its GPX file as a draft (the same file again finds that
    trail), then published with a cover, as its marketer would. A second run changes nothing."""
    with gpx_file.open("rb") as stream:
        trail, created = import_gpx_file(find_user_by_email(f"marketer@{city.slug}.kick.test"), city, stream)
    if created:
        trail = set_status(trail, TrailStatus.PUBLISHED, None, expected_version=trail.version)
        alt = {"nl": f"Illustratie: {trail.title['nl']}"}
        set_cover(trail, cover_image(city, trail.kind, [(s.lat, s.lon) for s in trail.stops]), alt, None,
                  expected_version=trail.version)


def _add_path(trail, path) -> None:
    """A demo trail made before it had a drawn path gets one, unless its marketer ever changed the path."""
    if not path or trail.path:
        return
    touched = db.session.execute(select(TrailRevision.id).where(
        TrailRevision.trail_id == trail.id, TrailRevision.action == RevisionAction.PATH.value).limit(1)).first()
    if touched is None:
        set_path(trail, path, None, expected_version=trail.version)


def _stop_values(city_slug: str, stop: dict) -> dict:
    title, body = stop_texts(city_slug, stop["name"], stop.get("name_en"))
    return {"title": title, "body": body, "lat": stop["lat"], "lon": stop["lon"]}


def _create(city, kind: TrailKind, spec: dict, stops: list[dict]) -> None:
    values = {"kind": kind.value, "title": texts(spec["title"]), "summary": texts(spec["summary"]),
              "body": texts(BODY[kind]), "dwell_minutes": 5 if kind == TrailKind.HERITAGE else 3, **spec["access"]}
    path = PATHS.get((city.slug, spec["slug"]))
    trail = create_trail(city, values, None, slug=spec["slug"], status=TrailStatus.PUBLISHED,
                         stops=[_stop_values(city.slug, stop) for stop in stops], path=path)
    alt = {"nl": f"Illustratie: {spec['title'][0]}", "en": f"Illustration: {spec['title'][1]}",
           "fr": f"Illustration\u00a0: {spec['title'][2]}", "de": f"Illustration: {spec['title'][3]}"}
    line = [tuple(p) for p in path] if path else [(s["lat"], s["lon"]) for s in stops]
    set_cover(trail, cover_image(city, kind, line, [(s["lat"], s["lon"]) for s in stops]), alt, None,
              expected_version=trail.version)


def _create_draft(city, streets: list[dict]) -> None:
    values = {"kind": TrailKind.SHOPPING.value, "title": texts(DRAFT["title"]), "summary": texts(DRAFT["summary"]),
              "surface": TrailSurface.PAVED.value, "step_free": True}
    stops = [{"title": {"nl": s["name"]}, "lat": s["lat"], "lon": s["lon"]} for s in streets[:3]]
    create_trail(city, values, None, slug=DRAFT["slug"], stops=stops)


def cover_image(city, kind: str, points: list[tuple[float, float]],
                stops: list[tuple[float, float]] | None = None) -> bytes:
    """A calm illustrated cover in the city's colours: the trail's own shape (its drawn path when given,
    with `stops` as the dots) over soft hills."""
    width, height = COVER_SIZE
    primary, accent = _rgb(city.primary_color), _rgb(city.accent_color)
    base = (46, 125, 50) if kind == TrailKind.GREEN else primary
    img = Image.new("RGB", COVER_SIZE)
    draw = ImageDraw.Draw(img)
    for y in range(height):  # vertical gradient from the base colour to a lighter tint
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * (0.15 + 0.45 * t)) for c in base))
    for i, shade in enumerate((0.25, 0.4)):  # two rolling hills
        crest = height * (0.62 + 0.1 * i)
        hill = [(x, crest + 28 * math.sin(x / (170 + 60 * i) + i)) for x in range(0, width + 20, 20)]
        draw.polygon([(0, height), *hill, (width, height)], fill=tuple(int(c * (1 - shade)) for c in base))
    stops = points if stops is None else stops
    line, dots = _fit(points + stops, width, height, len(points))
    if len(line) >= 2:
        draw.line(line, fill=(255, 255, 255), width=10, joint="curve")
    for n, (x, y) in enumerate(dots):
        r = 20
        draw.ellipse([x - r, y - r, x + r, y + r], fill=accent if n else (255, 255, 255), outline=(255, 255, 255), width=5)
    buffer = io.BytesIO()
    img.save(buffer, "PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def _fit(points, width, height, split: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The points scaled into the picture, cut in two at `split` (the line, then the dots)."""
    if not points:
        return [], []
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * 0.63, 1e-6)  # 0.63 ~ cos(51°)
    scale = min(width, height) * 0.62 / span
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    fitted = [(width / 2 + (lon - cx) * 0.63 * scale, height * 0.45 - (lat - cy) * scale) for lat, lon in points]
    return fitted[:split], fitted[split:]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
