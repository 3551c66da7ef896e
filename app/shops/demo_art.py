"""Demo storefront drawings (Pillow, no downloads): every demo shop gets its own front.

The awning, the window layout and the goods in the window follow the shop's category, with a per-shop
variation drawn from a random generator seeded by the shop's slug, so the same shop looks the same on every
machine and two shops of a street do not look like copies of one picture.
"""
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

PHOTO_SIZE = (960, 640)
AWNINGS = ("striped", "scalloped", "dome", "flat")
WINDOWS = ("wide", "twin", "arched")
# What a passer-by sees behind the glass, per category.
GOODS = {
    "fashion": "dresses", "food_drink": "bottles", "design_crafts": "pots", "books_music": "books",
    "home_living": "lamps", "beauty_health": "jars", "kids": "balloons", "sports": "balls",
    "second_hand_vintage": "pots", "services": "sign", "other": "jars",
}
# The awning a category tends to have (a café's dome, a boutique's scallops); a shop may differ.
CATEGORY_AWNING = {
    "fashion": "scalloped", "food_drink": "striped", "design_crafts": "flat", "books_music": "flat",
    "home_living": "dome", "beauty_health": "scalloped", "kids": "striped", "sports": "flat",
    "second_hand_vintage": "dome", "services": "flat", "other": "striped",
}


@dataclass(frozen=True)
class Storefront:
    awning: str
    window: str
    goods: str


def storefront_style(slug: str, category: str) -> Storefront:
    """The shape of a shop's front: its category's awning most of the time, a window layout per shop."""
    rng = random.Random(f"front:{slug}")
    awning = CATEGORY_AWNING.get(category, "striped") if rng.random() < .7 else rng.choice(AWNINGS)
    return Storefront(awning=awning, window=rng.choice(WINDOWS), goods=GOODS.get(category, "jars"))


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def draw_front(name: str, style: Storefront, primary: str, dark: str, light: str, rng: random.Random) -> Image.Image:
    """A stylised shop front: facade, sign, awning, windows with the category's goods, door."""
    w, h = PHOTO_SIZE
    img = Image.new("RGB", PHOTO_SIZE, rgb(light))
    d = ImageDraw.Draw(img)
    d.rectangle([0, h - 90, w, h], fill=(150, 146, 140))  # pavement
    for x in range(0, w, 64):
        d.line([x, h - 90, x + 30, h], fill=(132, 128, 122), width=3)
    d.rectangle([60, 60, w - 60, h - 90], fill=rgb(dark))  # facade
    d.rectangle([90, 90, w - 90, 150], fill=rgb(light))  # sign board
    for i, ch in enumerate(name.upper()[:14]):  # lettering blocks on the sign board
        if ch.strip():
            d.rounded_rectangle([110 + i * 52, 104, 146 + i * 52, 136], radius=4, fill=rgb(dark))
    door_left = 120 if rng.random() < .4 else w - 260  # the door on either side
    windows = _windows(style.window, door_left, w, h)
    for box in windows:
        _window(d, style.window, box)
        _goods(d, style.goods, box, primary, dark, rng)
    d.rectangle([door_left, 250, door_left + 140, h - 90], fill=rgb(primary))  # door
    d.ellipse([door_left + 110, 400, door_left + 124, 414], fill=(240, 200, 80))
    _awning(d, style.awning, primary, w)
    return img


def _windows(layout: str, door_left: int, w: int, h: int) -> list[tuple[int, int, int, int]]:
    left, right = (door_left + 180, w - 100) if door_left < w // 2 else (100, door_left - 40)
    top, bottom = 260, h - 120
    if layout == "twin":
        middle = (left + right) // 2
        return [(left, top, middle - 15, bottom), (middle + 15, top, right, bottom)]
    return [(left, top, right, bottom)]


def _window(d: ImageDraw.ImageDraw, layout: str, box) -> None:
    x0, y0, x1, y1 = box
    glass = (214, 232, 240)
    if layout == "arched":
        d.pieslice([x0, y0 - 40, x1, y0 + 80], 180, 360, fill=glass)
        d.rectangle([x0, y0 + 20, x1, y1], fill=glass)
    else:
        d.rectangle(box, fill=glass)
    d.rectangle([x0, y1 - 8, x1, y1], fill=(235, 235, 230))  # sill


def _goods(d: ImageDraw.ImageDraw, goods: str, box, primary: str, dark: str, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    colour = lambda: tuple(rng.randint(60, 230) for _ in range(3))  # noqa: E731 - a one-line palette
    if goods == "sign":  # a service: a big sign in the window instead of goods
        d.rounded_rectangle([x0 + 30, y0 + 60, x1 - 30, y0 + 160], radius=14, fill=rgb(primary))
        d.rectangle([x0 + 60, y0 + 100, x1 - 60, y0 + 118], fill=(250, 250, 245))
        return
    if goods == "dresses":  # a rail with dresses on hangers
        d.line([x0 + 15, y0 + 50, x1 - 15, y0 + 50], fill=rgb(dark), width=5)
        for x in range(x0 + 30, x1 - 60, 70):
            d.line([x + 25, y0 + 50, x + 25, y0 + 70], fill=rgb(dark), width=3)
            d.polygon([(x + 10, y0 + 70), (x + 40, y0 + 70), (x + 55, y1 - 40), (x - 5, y1 - 40)], fill=colour())
        return
    if goods == "balloons":
        for _ in range(7):
            cx, cy = rng.randint(x0 + 30, x1 - 30), rng.randint(y0 + 40, y0 + 150)
            d.line([cx, cy + 28, cx + rng.randint(-15, 15), y1 - 20], fill=(90, 90, 90), width=2)
            d.ellipse([cx - 24, cy - 30, cx + 24, cy + 30], fill=colour())
        return
    shelves = 2 if goods in ("lamps", "pots") else 3
    step = (y1 - y0 - 30) // shelves
    for row in range(shelves):
        base = y0 + 30 + (row + 1) * step - 10
        d.rectangle([x0 + 8, base, x1 - 8, base + 6], fill=rgb(dark))
        x = x0 + 18
        while x < x1 - 60:
            _item(d, goods, x, base, step, colour(), rng)
            x += rng.randint(48, 70)


def _item(d: ImageDraw.ImageDraw, goods: str, x: int, base: int, step: int, fill, rng: random.Random) -> None:
    if goods == "bottles":
        tall = rng.randint(step // 2, step - 15)
        d.rounded_rectangle([x, base - tall + 18, x + 26, base], radius=6, fill=fill)
        d.rectangle([x + 9, base - tall, x + 17, base - tall + 20], fill=fill)
    elif goods == "books":
        for i in range(rng.randint(3, 5)):
            tall = rng.randint(step // 2, step - 12)
            d.rectangle([x + i * 10, base - tall, x + i * 10 + 8, base], fill=tuple(max(0, c - i * 18) for c in fill))
    elif goods == "lamps":
        d.line([x + 22, base, x + 22, base - step // 2], fill=(70, 70, 70), width=4)
        d.polygon([(x + 2, base - step // 2), (x + 42, base - step // 2), (x + 32, base - step + 20),
                   (x + 12, base - step + 20)], fill=fill)
    elif goods == "pots":
        tall = rng.randint(step // 3, step // 2 + 20)
        d.ellipse([x, base - tall, x + 44, base], fill=fill)
        d.rectangle([x + 12, base - tall - 10, x + 32, base - tall + 8], fill=fill)
    elif goods == "balls":
        size = rng.randint(26, 40)
        d.ellipse([x, base - size, x + size, base], fill=fill, outline=(250, 250, 245), width=3)
    else:  # jars
        tall = rng.randint(24, 44)
        d.rounded_rectangle([x, base - tall, x + 32, base], radius=8, fill=fill)
        d.rectangle([x + 4, base - tall - 8, x + 28, base - tall], fill=(235, 235, 230))


def _awning(d: ImageDraw.ImageDraw, shape: str, primary: str, w: int) -> None:
    left, right, top, bottom = 60, w - 60, 170, 230
    white, colour = (250, 250, 245), rgb(primary)
    if shape == "flat":  # a plain canopy with a shadow line
        d.rectangle([left, top, right, top + 26], fill=colour)
        d.rectangle([left, top + 26, right, top + 34], fill=tuple(c // 2 for c in colour))
        return
    if shape == "dome":
        d.chord([left, top - 50, right, bottom + 30], 180, 360, fill=colour)
        for x in range(left + 40, right, 80):
            d.line([x, top - 10, x, bottom - 20], fill=white, width=4)
        return
    stripe = (right - left) // 12
    for i in range(12):
        fill = colour if i % 2 == 0 else white
        x = left + i * stripe
        d.polygon([(x, top), (x + stripe, top), (x + stripe + 8, bottom), (x + 8, bottom)], fill=fill)
        if shape == "scalloped":
            d.pieslice([x + 8, bottom - stripe // 2, x + stripe + 8, bottom + stripe // 2], 0, 180, fill=fill)
