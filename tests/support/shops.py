"""Helpers for the shops tests: a complete shop body, a new merchant, a tiny JPEG."""
import io

from PIL import Image

STORY = ("Wij maken al twintig jaar handgemaakte hoeden in ons atelier achter de winkel. Elke hoed is uniek, "
         "op maat gemaakt en afgewerkt met lint van een weverij uit Kortrijk.")
# Kortrijk, Lange Steenstraat
LAT, LON = 50.8256, 3.2626


def shop_body(name="Hoedje Van Papier", **extra) -> dict:
    body = {"city": "kortrijk", "name": {"nl": name, "en": name}, "tagline": {"nl": "Hoeden op maat"},
            "story": {"nl": STORY}, "category": "fashion", "address": "Lange Steenstraat 3",
            "lat": LAT, "lon": LON, "languages": ["nl", "fr"],
            "opening_hours": {"weekly": {"tue": [["10:00", "12:30"], ["13:30", "18:00"]]}}}
    body.update(extra)
    return body


def register_merchant(client, email="nieuw@winkel.test", shop_name="Hoedje Van Papier", city="kortrijk"):
    """Sign up through /merchant/join (the phone flow); returns the new shop's id."""
    response = client.post("/merchant/join", data={
        "city": city, "shop_name": shop_name, "display_name": "Nele", "email": email,
        "password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return int(response.headers["Location"].rstrip("/").split("/")[-2])


def create_via_api(client, **body) -> dict:
    response = client.post("/api/v1/merchant/shops", json=shop_body(**body))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def jpeg(width=640, height=480, colour=(200, 30, 40), exif=False) -> bytes:
    img = Image.new("RGB", (width, height), colour)
    buffer = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # camera make
        data[0x0110] = "Model X"
        data[0x9286] = "home address in a comment"
        img.save(buffer, "JPEG", exif=data)
    else:
        img.save(buffer, "JPEG")
    return buffer.getvalue()


def approve(client, shop_id, city="kortrijk"):
    client.logout()
    client.login(f"marketer@{city}.kick.test")
    response = client.post(f"/api/v1/cities/{city}/shops/{shop_id}/approve")
    client.logout()
    return response
