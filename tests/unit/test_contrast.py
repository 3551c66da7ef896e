import pytest

from app.core.contrast import (
    AA_BODY,
    AA_LARGE,
    contrast_ratio,
    meets,
    parse_hex,
    readable_on,
    relative_luminance,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("#000000", (0, 0, 0)),
        ("#FFFFFF", (255, 255, 255)),
        ("#c8102e", (200, 16, 46)),
        ("#C8102E", (200, 16, 46)),
        ("#fff", (255, 255, 255)),
        ("#1a3", (0x11, 0xAA, 0x33)),
    ],
)
def test_parse_hex_valid(value, expected):
    assert parse_hex(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "#", "fff", "ffffff", "#ff", "#ffff", "#fffffff", "#gggggg", "#12345z", " #ffffff",
     "#ffffff\n", "#１２３", None, 0xFFFFFF],
)
def test_parse_hex_rejects(value):
    with pytest.raises(ValueError):
        parse_hex(value)


def test_relative_luminance_extremes():
    assert relative_luminance("#000") == 0.0
    assert relative_luminance("#fff") == pytest.approx(1.0)


# Published values (WebAIM contrast checker, WCAG 2.1 formula), rounded to 2 decimals.
@pytest.mark.parametrize(
    ("fg", "bg", "published"),
    [
        ("#000", "#fff", 21.00),
        ("#777777", "#ffffff", 4.48),
        ("#767676", "#ffffff", 4.54),
        ("#C8102E", "#FFFFFF", 5.88),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#FF0000", "#FFFFFF", 4.00),
        ("#008000", "#FFFFFF", 5.14),
        ("#123456", "#123456", 1.00),
    ],
)
def test_contrast_ratio_published_pairs(fg, bg, published):
    assert round(contrast_ratio(fg, bg), 2) == published
    assert contrast_ratio(bg, fg) == contrast_ratio(fg, bg)  # symmetric


def test_aa_thresholds_are_not_rounded():
    assert (AA_BODY, AA_LARGE) == (4.5, 3.0)
    assert not meets("#777777", "#ffffff")  # 4.48 fails body text ...
    assert meets("#777777", "#ffffff", AA_LARGE)  # ... but passes large text
    assert meets("#767676", "#ffffff")


@pytest.mark.parametrize(
    ("bg", "expected"),
    [
        ("#FFFFFF", "#000000"),
        ("#FFFF00", "#000000"),
        ("#777777", "#000000"),  # 4.69 with black vs 4.48 with white
        ("#C8102E", "#FFFFFF"),
        ("#000080", "#FFFFFF"),
        ("#000", "#FFFFFF"),
    ],
)
def test_readable_on(bg, expected):
    assert readable_on(bg) == expected


def test_readable_on_rejects_bad_colour():
    with pytest.raises(ValueError):
        readable_on("red")
