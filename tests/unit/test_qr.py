import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from app.loyalty.codes import make_code, make_poster_code
from app.loyalty.qr import PosterText, poster_png, poster_svg, qr_png, qr_svg

SVG_NS = "{http://www.w3.org/2000/svg}"
CODE = make_code(b"secret-for-tests", "brugge", 42, 59_333_333)
URL = f"http://127.0.0.1:5000/brugge/s/{CODE}"
POSTER_URL = f"http://127.0.0.1:5000/brugge/s/{make_poster_code(b'secret-for-tests', 'brugge', 42, 1)}"
TRICKY_NAME = 'Bakkerij "De Zoete <Inval>" & Co'
POSTER_KW = dict(
    shop_name=TRICKY_NAME,
    instruction="Scan deze code voor een stempel",
    city_name="Brugge",
    primary_hex="#1d4e89",
    on_primary_hex="#ffffff",
)


def decoded_urls(png: bytes, max_side: int | None = None) -> list[str]:
    img = Image.open(io.BytesIO(png)).convert("L")
    if max_side and max(img.size) > max_side:
        img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return [d.data.decode("utf-8") for d in decode(img) if d.type == "QRCODE"]


def test_qr_png_decodes_to_url():
    png = qr_png(URL)
    assert png.startswith(b"\x89PNG")
    assert decoded_urls(png) == [URL]


def test_qr_png_box_size_and_border_change_the_image():
    small = Image.open(io.BytesIO(qr_png(URL, box_size=4, border=4)))
    large = Image.open(io.BytesIO(qr_png(URL, box_size=8, border=4)))
    assert large.width == 2 * small.width
    assert decoded_urls(qr_png(URL, box_size=4)) == [URL]


def test_qr_svg_is_standalone_svg():
    svg = qr_svg(URL)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox")
    assert root.find(f"{SVG_NS}path") is not None


@pytest.mark.parametrize(("size", "expected"), [("A4", (2480, 3508)), ("A5", (1748, 2480))])
def test_poster_png_size_dpi_and_qr(size, expected):
    png = poster_png(POSTER_URL, size=size, **POSTER_KW)
    img = Image.open(io.BytesIO(png))
    assert img.size == expected
    assert tuple(round(v) for v in img.info["dpi"]) == (300, 300)
    assert decoded_urls(png, max_side=1400) == [POSTER_URL]


def test_poster_png_has_city_header_and_footer_band():
    img = Image.open(io.BytesIO(poster_png(POSTER_URL, size="A5", **POSTER_KW))).convert("RGB")
    assert img.getpixel((5, 5)) == (0x1D, 0x4E, 0x89)  # header band in the city colour
    assert img.getpixel((5, img.height - 3)) == (0x1D, 0x4E, 0x89)  # thin bottom band
    assert img.getpixel((5, img.height // 2)) == (255, 255, 255)
    # The city name is drawn in on_primary inside the header.
    header = img.crop((0, 0, img.width, int(img.height * 0.12)))
    assert (255, 255, 255) in {c for _, c in header.getcolors(maxcolors=1 << 16)}


def test_poster_wraps_very_long_shop_name_and_still_scans():
    name = "Chocolaterie en pralinewinkel " * 6 + "Supercalifragilisticexpialidocious" * 3
    png = poster_png(URL, size="A5", **{**POSTER_KW, "shop_name": name})
    assert decoded_urls(png, max_side=1400) == [URL]
    root = ET.fromstring(poster_svg(URL, size="A5", **{**POSTER_KW, "shop_name": name}))
    lines = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert 1 < len(lines) <= 3 + 3  # shop name capped at 3 lines (+ city, instruction, footer)


def test_poster_accepts_short_hex_and_rejects_bad_colour():
    assert poster_png(URL, size="A5", **{**POSTER_KW, "on_primary_hex": "#fff"})
    with pytest.raises(ValueError):
        poster_png(URL, size="A5", **{**POSTER_KW, "primary_hex": "blue"})
    with pytest.raises(ValueError):
        poster_svg(URL, size="A3", **POSTER_KW)


@pytest.mark.parametrize(("size", "viewbox"), [("A4", "0 0 210 297"), ("A5", "0 0 148 210")])
def test_poster_svg_is_well_formed_and_escaped(size, viewbox):
    svg = poster_svg(POSTER_URL, size=size, **POSTER_KW)
    root = ET.fromstring(svg)  # raises on malformed XML, e.g. an unescaped "<Inval>"
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == viewbox
    assert root.get("width") == viewbox.split()[2] + "mm"
    assert "&lt;Inval&gt;" in svg and "&amp; Co" in svg and "<Inval>" not in svg
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert texts[0] == "Brugge"
    assert texts[-1] == "KICK City"
    # The (possibly wrapped) shop name reads back exactly.
    name_lines = texts[1:-2]
    assert " ".join(name_lines) == TRICKY_NAME
    assert root.find(f"{SVG_NS}title").text == TRICKY_NAME
    qr_path = [p for p in root.iter(f"{SVG_NS}path")]
    assert len(qr_path) == 1 and qr_path[0].get("d").count("z") > 100


def test_poster_svg_qr_matches_png_qr():
    """Rasterise the SVG path ourselves (it is only unit squares) and decode it."""
    root = ET.fromstring(poster_svg(URL, size="A5", **POSTER_KW))
    d = root.find(f"{SVG_NS}path").get("d")
    cells = []
    for part in d.split("z")[:-1]:
        head, rest = part[1:].split("h", 1)
        x, y = (int(v) for v in head.split())
        run = int(rest.split("v")[0])
        cells.extend((x + i, y) for i in range(run))
    n = max(max(x for x, _ in cells), max(y for _, y in cells)) + 5  # + quiet zone
    img = Image.new("L", (n * 8, n * 8), 255)
    for x, y in cells:
        img.paste(0, (x * 8, y * 8, x * 8 + 8, y * 8 + 8))
    assert [r.data.decode() for r in decode(img)] == [URL]


def test_poster_sells_the_programme_in_two_languages_with_the_city_mark():
    from app.loyalty.qr import PosterText
    from app.pwa.icons import make_icon
    mark = make_icon(256, primary_hex="#ffffff", on_primary_hex="#1d4e89", monogram="B")
    extra = dict(reward="10 stempels = gratis koffie", logo_png=mark,
                 second=PosterText("10 stamps = free coffee", "Scan for a stamp"))
    root = ET.fromstring(poster_svg(URL, size="A4", **POSTER_KW, **extra))
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert texts[0] == "Brugge" and texts[-1] == "KICK City"
    body = texts[1:-1]
    order = [body.index(line) for line in ("10 stempels = gratis koffie", "10 stamps = free coffee",
                                           "Scan deze code voor een stempel", "Scan for a stamp")]
    assert order == sorted(order)  # Dutch first, the second language under it, the reward above the QR
    image = root.find(f"{SVG_NS}image")
    assert image is not None and image.get("href").startswith("data:image/png;base64,")
    # The mark sits in the header, left of the city name (which moved right to make room).
    assert float(image.get("y")) + float(image.get("height")) < 0.13 * 297
    assert float(root.find(f"{SVG_NS}text").get("x")) > 105
    png = poster_png(URL, size="A5", **POSTER_KW, **extra)
    assert decoded_urls(png, max_side=1400) == [URL]
    img = Image.open(io.BytesIO(png)).convert("RGB")
    header = img.crop((0, 0, img.width // 3, int(img.height * 0.12)))
    without = Image.open(io.BytesIO(poster_png(URL, size="A5", **POSTER_KW))).convert("RGB")
    plain = without.crop((0, 0, img.width // 3, int(img.height * 0.12)))
    # The mark's white plate shows left of the name; without a mark that part of the header is plain blue.
    assert (255, 255, 255) in {c for _, c in header.getcolors(maxcolors=1 << 16)}
    assert (255, 255, 255) not in {c for _, c in plain.getcolors(maxcolors=1 << 16)}


@pytest.mark.parametrize("dutch, second", [
    (PosterText("10 stempels = een gratis koffie met een stuk taart naar keuze en een glas sinaasappelsap",
                "Scan met de camera van je gsm en spaar een stempel"),
     PosterText("10 tampons = café", "Scannez avec l’appareil photo de votre téléphone et gagnez un tampon")),
    (PosterText("5 stempels = gratis koffie", "Scan met de camera van je gsm en spaar een stempel bij elk bezoek"),
     PosterText("5 tampons = café", "Scannez"))])
def test_the_dutch_lines_are_never_smaller_than_the_second_language(dutch, second):
    """Dutch is the first language: a short second-language line must not outgrow a long Dutch one."""
    root = ET.fromstring(poster_svg(URL, size="A4", **{**POSTER_KW, "instruction": dutch.instruction},
                                    reward=dutch.reward, second=second))
    size = {t.text: float(t.get("font-size")) for t in root.iter(f"{SVG_NS}text")}
    def size_of(words):  # the first line of a (possibly wrapped) text
        return next(value for line, value in size.items() if words.startswith(line))
    assert size_of(dutch.reward) >= size_of(second.reward)
    assert size_of(dutch.instruction) >= size_of(second.instruction)
