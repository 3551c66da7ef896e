"""Builders shared by the trail tests: trails, shops and images made in a
database prepared with the demo content."""
import io
import struct
import zlib

from PIL import ExifTags, Image

from app.extensions import db

BRUGGE = (51.20861, 3.22389)


def stops_near(centre=BRUGGE, n=3, step=0.001) -> list[dict]:
    return [{"title": {"nl": f"Halte {i + 1}", "en": f"Stop {i + 1}"}, "body": {"nl": f"Uitleg bij halte {i + 1}"},
             "lat": round(centre[0] + i * step, 6), "lon": centre[1]} for i in range(n)]


def make_trail(app, city="brugge", *, n_stops=3, status="published", slug=None, kind="heritage",
               stops=None, path=None, **values) -> dict:
    """Create a trail through the services (as the studio would) and return its id, slug, version."""
    from app.cities.services import city_by_slug
    from app.trails.services.editing import create_trail
    with app.test_request_context(f"/{city}/"):
        c = city_by_slug(city)
        centre = (c.center_lat, c.center_lon)
        fields = {"kind": kind, "title": {"nl": values.pop("title_nl", "Testwandeling"), "en": "Test walk"}, **values}
        trail = create_trail(c, fields, None, slug=slug, status=status,
                             stops=stops if stops is not None else stops_near(centre, n_stops), path=path)
        result = {"id": trail.id, "slug": trail.slug, "version": trail.version}
        db.session.remove()
    return result


def trail_state(app, trail_id: int) -> dict:
    from app.trails.models import Trail
    with app.app_context():
        trail = db.session.get(Trail, trail_id)
        if trail is None:
            return {}
        state = {"version": trail.version, "status": trail.status, "slug": trail.slug, "title": dict(trail.title),
                 "stops": [s.display_title for s in trail.stops], "stop_ids": [s.id for s in trail.stops],
                 "distance_m": trail.distance_m, "duration_min": trail.duration_min, "path": list(trail.path),
                 "cover": trail.cover_phone_key, "cover_thumb": trail.cover_thumb_key,
                 "images": [s.image_phone_key for s in trail.stops], "revisions": len(trail.revisions)}
        db.session.remove()
    return state


def demo_trail_id(app, city: str, slug: str) -> int:
    from sqlalchemy import select

    from app.cities.models import City
    from app.trails.models import Trail
    with app.app_context():
        trail_id = db.session.execute(select(Trail.id).join(City, City.id == Trail.city_id)
                                      .where(City.slug == city, Trail.slug == slug)).scalar_one()
        db.session.remove()
    return trail_id


def make_shop(app, city="brugge", *, slug="de-boekenkast", status="approved", name="De Boekenkast") -> int:
    """A shop of the demo shopper in `city`; returns its id."""
    from app.accounts.services import find_user_by_email
    from app.cities.services import city_by_slug
    from tests.factories import ShopFactory
    with app.app_context():
        shop = ShopFactory(city=city_by_slug(city), owner=find_user_by_email("shopper@kick.test"), slug=slug,
                           status=status, name={"nl": name})
        db.session.commit()
        shop_id = shop.id
        db.session.remove()
    return shop_id


def post_cover(client, trail: dict, data: bytes, filename="foto.jpg", alt="Zicht op de reien"):
    """Upload `data` as the cover of a Brugge `trail` (from make_trail) through the studio form."""
    form = {"cover-version": str(trail["version"]), "cover-cover_alt_nl": alt,
            "cover-cover": (io.BytesIO(data), filename)}
    return client.post(f"/brugge/studio/trails/{trail['id']}/cover", data=form, content_type="multipart/form-data")


# ---------------------------------------------------------------- images


def jpeg_with_gps(size=(1600, 1200)) -> bytes:
    img = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KICK Test Camera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 12.0, 31.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (3.0, 13.0, 26.0)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def png_bytes(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)


def png_bomb(side=20_000) -> bytes:
    """A valid 20000x20000 1-bit PNG (400 Mpx) of ~50 KB, built row by row (no 400 MB in memory)."""
    row = b"\x00" + bytes(side // 8)
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
