"""The body outlines of the pain map: front and back views, one shape per pain area.

Shapes are written for the half of the figure on the viewer's left and mirrored for the
other half. Seen from the front the client's right side is on the viewer's left; seen from
the back it is the client's left, which is why the two views map the same drawn half to
opposite sides. Each area id is a value of the `pain_areas` question; taps on a shape tick
the checkbox of the same value (static/js/pain-map.js).

The figure is drawn chunky on purpose: the client's page shows one view at a time across
the phone's width, and every shape is at least MIN_TARGET units wide and tall, so at a
phone's width (360 CSS px and up) each tap target is at least 44 CSS px.
"""

from dataclasses import dataclass

WIDTH = 200
HEIGHT = 378
VIEWBOX = f"0 0 {WIDTH} {HEIGHT}"
CORNER = 0.3  # how much of each edge a rounded corner takes
MIN_TARGET = 25  # units: 44 CSS px once the figure is 352 px wide (a 360 px phone)


@dataclass(frozen=True)
class Shape:
    d: str
    area: str = ""  # empty for a part that is not a pain area
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # x, y, width, height in units


@dataclass(frozen=True)
class View:
    id: str
    title: str
    viewer_left: str  # the client's side shown on the viewer's left
    viewer_right: str
    shapes: tuple[Shape, ...]
    viewbox: str = VIEWBOX


def _mirror(points):
    return [(WIDTH - x, y) for x, y in reversed(points)]


def _rounded(points):
    """A closed path through `points` with each corner softened by a quadratic curve."""

    def towards(a, b, t):
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    count = len(points)
    parts = []
    for i, corner in enumerate(points):
        before = towards(corner, points[i - 1], CORNER)
        after = towards(corner, points[(i + 1) % count], CORNER)
        parts.append(f"{'M' if i == 0 else 'L'}{before[0]:g} {before[1]:g}")
        parts.append(f"Q{corner[0]:g} {corner[1]:g} {after[0]:g} {after[1]:g}")
    return " ".join(parts) + " Z"


HEAD = (100, 26, 21, 24)  # centre x, centre y, radius x, radius y


def _head():
    cx, cy, rx, ry = HEAD
    return f"M{cx - rx} {cy} a{rx} {ry} 0 1 0 {2 * rx} 0 a{rx} {ry} 0 1 0 {-2 * rx} 0 Z"


def _box(points):
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


# The neck starts under the head, which is drawn over it.
NECK = [(86, 44), (114, 44), (117, 76), (83, 76)]
SHOULDER = [(83, 76), (62, 79), (42, 86), (29, 97), (24, 112), (24, 119), (54, 119),
            (57, 106), (65, 96), (77, 88)]  # fmt: skip
ARM = [(24, 122), (54, 122), (50, 160), (38, 205), (9, 207), (16, 160)]
HAND = [(8, 210), (38, 208), (39, 226), (32, 243), (11, 243), (3, 228)]
HIP = [(44, 207), (72, 207), (76, 240), (74, 252), (48, 252), (42, 228)]
THIGH = [(48, 255), (74, 255), (99, 250), (98, 280), (95, 306), (66, 306), (56, 280)]
BELOW_KNEE = [(66, 309), (95, 309), (94, 328), (90, 345), (72, 345), (67, 328)]
FOOT_FRONT = [(68, 348), (93, 348), (99, 374), (58, 375)]
FOOT_BACK = [(68, 348), (93, 348), (94, 374), (66, 374)]

# Centre pieces, drawn whole.
CHEST = [(83, 76), (117, 76), (123, 88), (135, 96), (143, 106), (146, 119), (142, 150),
         (58, 150), (54, 119), (57, 106), (65, 96), (77, 88)]  # fmt: skip
ABDOMEN = [(58, 153), (142, 153), (139, 178), (142, 204), (128, 205), (124, 240), (100, 247),
           (76, 240), (72, 205), (58, 204), (61, 178)]  # fmt: skip
UPPER_BACK = CHEST
LOWER_BACK = [(58, 153), (99.5, 153), (99.5, 204), (58, 204), (61, 178)]
BUTTOCK = [(72, 207), (99.5, 207), (99.5, 240), (95, 248), (84, 250), (77, 245), (76, 240)]


def _shape(points, area=""):
    return Shape(_rounded(points), area, _box(points))


def _pair(points, left_area, right_area):
    """The drawn half and its mirror image, with the area each one stands for."""
    return (_shape(points, left_area), _shape(_mirror(points), right_area))


def _view(id, title, near, far, centre, foot):
    """`near` is the client's side drawn on the viewer's left, `far` the other one."""
    cx, cy, rx, ry = HEAD
    shapes = [
        _shape(NECK, "neck"),
        Shape(_head(), "head", (cx - rx, cy - ry, 2 * rx, 2 * ry)),
        *centre,
        *_pair(SHOULDER, f"shoulder_{near}", f"shoulder_{far}"),
        *_pair(ARM, f"arm_{near}", f"arm_{far}"),
        *_pair(HAND, f"hand_{near}", f"hand_{far}"),
        *_pair(HIP, f"hip_{near}", f"hip_{far}"),
        *_pair(THIGH, f"thigh_{near}", f"thigh_{far}"),
        *_pair(BELOW_KNEE, f"leg_below_knee_{near}", f"leg_below_knee_{far}"),
        *_pair(foot, f"foot_{near}", f"foot_{far}"),
    ]
    return View(id, title, near.capitalize(), far.capitalize(), tuple(shapes))


FRONT = _view(
    "front",
    "Front",
    "right",
    "left",
    centre=(_shape(CHEST, "chest"), _shape(ABDOMEN, "abdomen")),
    foot=FOOT_FRONT,
)
BACK = _view(
    "back",
    "Back",
    "left",
    "right",
    centre=(
        _shape(UPPER_BACK, "upper_back"),
        *_pair(LOWER_BACK, "lower_back_left", "lower_back_right"),
        *_pair(BUTTOCK, "buttock_left", "buttock_right"),
    ),
    foot=FOOT_BACK,
)
VIEWS = (FRONT, BACK)


def areas_drawn():
    """Every pain area that has at least one shape."""
    return {shape.area for view in VIEWS for shape in view.shapes if shape.area}
