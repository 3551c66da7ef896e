"""Draws static/img/towns/*.svg: one-colour landmark silhouettes, used as CSS masks so they wear the town's theme.

Run from the repository root: python scripts/draw_town_artwork.py (the SVGs are committed; this is how they were
made, to redraw or add a town)."""
W, H = 640, 200

def gable(x, w, h, steps=3):
    """A Flemish stepped gable house: left edge x, width w, eaves h above the ground (y=H)."""
    step_w, step_h = w / (2 * steps + 1), 14
    pts, y, cx = [(x, H), (x, H - h)], H - h, x
    for _ in range(steps):  # up the steps
        cx += step_w
        pts += [(cx, y), (cx, y - step_h)]
        y -= step_h
    cx += step_w
    pts += [(cx, y)]
    for _ in range(steps):  # and down again
        pts += [(cx, y + step_h)]
        y += step_h
        cx += step_w
        pts += [(cx, y)]
    return poly(pts + [(x + w, H)])


def poly(pts):
    return "M" + " L".join(f"{a:.1f},{b:.1f}" for a, b in pts) + " Z"

def rect(x, y, w, h):
    return poly([(x, y), (x + w, y), (x + w, y + h), (x, y + h)])

def tri(x, y, w, h):
    return poly([(x, y), (x + w / 2, y - h), (x + w, y)])

def street(xs):
    out = []
    for x, w, h in xs:
        out.append(gable(x, w, h))
    return out

def svg(name, title, paths, extra=""):
    body = "".join(f'<path d="{p}"/>' for p in paths)
    open(f"static/img/towns/{name}.svg", "w").write(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" preserveAspectRatio="xMidYMax meet">'
        f'<title>{title}</title><g fill="#000" fill-rule="evenodd">{body}{extra}</g></svg>\n')

houses_l = [(0, 56, 70), (60, 48, 88), (112, 60, 64), (176, 50, 80)]
houses_r = [(410, 54, 78), (468, 62, 66), (534, 50, 90), (588, 52, 72)]

# Brugge: the Belfort on the Markt (its square tower and octagonal upper stage), gables either side.
belfort = [rect(262, 90, 76, 110) + " " + rect(280, 110, 12, 34) + " " + rect(308, 110, 12, 34) + " " + poly([(288, 200), (288, 170), (300, 158), (312, 170), (312, 200)]), rect(256, 84, 88, 8), rect(270, 40, 60, 46),
           poly([(274, 40), (278, 30), (322, 30), (326, 40)]), rect(284, 14, 32, 18), tri(284, 14, 32, 12),
           rect(298, -6 + 6, 4, 4)]
turrets = [rect(256, 70, 8, 16), rect(336, 70, 8, 16), tri(256, 70, 8, 10), tri(336, 70, 8, 10)]
svg("brugge", "Belfort, Brugge", street(houses_l + [(226, 34, 60)]) + belfort + turrets + street([(350, 52, 74)] + houses_r))

# Ieper: the Lakenhalle, a long cloth hall with its roof and the belfry in the middle (corner turrets, spire).
hall_windows = " ".join(rect(x, 134, 10, 22) + " " + rect(x, 170, 10, 22) for x in range(56, 590, 22) if not 280 < x < 360)
hall = [rect(40, 120, 560, 80) + " " + hall_windows, poly([(40, 120), (70, 96), (570, 96), (600, 120)])]
dormers = [tri(x, 100, 18, 14) for x in range(80, 560, 40) if not 270 < x < 360]
belfry = [rect(285, 48, 70, 152) + " " + rect(305, 70, 10, 30) + " " + rect(325, 70, 10, 30) + " " + poly([(306, 200), (306, 160), (320, 146), (334, 160), (334, 200)]), rect(280, 44, 80, 6), tri(278, 44, 12, 18), tri(350, 44, 12, 18),
          poly([(295, 44), (320, 2), (345, 44)]), tri(300, 44, 14, 16), tri(326, 44, 14, 16)]
svg("ieper", "Lakenhalle, Ieper", hall + dormers + belfry)

# Kortrijk: the Broeltorens, two round towers with cone roofs at either end of the bridge over the Leie.
def tower(x):
    return [rect(x, 86, 76, 114), poly([(x - 6, 88), (x + 38, 14), (x + 82, 88)]), rect(x + 36, 6, 4, 10)]
bridge = "M196,150 L444,150 L444,200 L420,200 A38,34 0 0 0 344,200 L296,200 A38,34 0 0 0 220,200 L196,200 Z"
svg("kortrijk", "Broeltorens, Kortrijk", tower(120) + tower(444) + [bridge, rect(196, 140, 248, 10)]
    + street([(0, 50, 70), (56, 56, 58), (540, 50, 76), (594, 46, 62)]))

# Oostende: the sea, the three-masted Mercator under sail, and the twin spires of Sint-Petrus-en-Paulus.
waves = "M0,180 Q20,170 40,180 T80,180 T120,180 T160,180 T200,180 T240,180 T280,180 T320,180 T360,180 T400,180 T440,180 T480,180 T520,180 T560,180 T600,180 T640,180 L640,200 L0,200 Z"
hull = poly([(40, 150), (300, 150), (280, 176), (70, 176)])
masts = [rect(x, 40 + i * 6, 4, 112 - i * 6) for i, x in enumerate((100, 170, 236))]
sails = []
for i, x in enumerate((100, 170, 236)):
    top = 48 + i * 6
    for j in range(3):
        y = top + j * 32
        sails.append(poly([(x - 26 + j * 2, y), (x + 30 - j * 2, y), (x + 34 - j * 2, y + 26), (x - 30 + j * 2, y + 26)]))
bowsprit = poly([(300, 150), (350, 120), (352, 124), (304, 154)])
church = [rect(440, 110, 150, 70), poly([(440, 110), (515, 84), (590, 110)]),
          rect(450, 60, 34, 120), poly([(450, 60), (467, 4), (484, 60)]),
          rect(546, 60, 34, 120), poly([(546, 60), (563, 4), (580, 60)])]
svg("oostende", "De zee, de Mercator en de Sint-Petrus-en-Pauluskerk, Oostende", [waves, hull, bowsprit] + masts + sails + church)

# Roeselare: Sint-Michielskerk, its broad west tower and nave, with a racing wheel for KOERS.
kerk = [rect(230, 60, 74, 140), rect(224, 56, 86, 8), poly([(236, 56), (267, 8), (298, 56)]),
        rect(304, 120, 170, 80), poly([(304, 120), (330, 92), (474, 92), (474, 120)]),
        rect(404, 96, 10, 14)]
kerk += [tri(x, 120, 16, 14) for x in (330, 370, 410, 446)]
wheel = ('<circle cx="560" cy="162" r="30" fill="none" stroke="#000" stroke-width="6"/>'
         '<circle cx="480" cy="162" r="30" fill="none" stroke="#000" stroke-width="6"/>'
         '<path d="M480,162 L510,126 L560,162 M510,126 L540,126 M505,120 L515,120" fill="none" stroke="#000" stroke-width="6"/>')
svg("roeselare", "Sint-Michielskerk, Roeselare", kerk + street([(0, 54, 72), (60, 50, 90), (116, 58, 66), (178, 46, 80)]), wheel)

# Any other town: a street of stepped gables.
svg("town", "Een straat met trapgevels", street([(x, 52 + (i % 3) * 6, 60 + (i * 37) % 40) for i, x in enumerate(range(0, 640, 66))]))
