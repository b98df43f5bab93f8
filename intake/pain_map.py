"""The body outlines of the pain map: front and back views, one shape per pain area.

Shapes are written for the half of the figure on the viewer's left and mirrored for the
other half. Seen from the front the client's right side is on the viewer's left; seen from
the back it is the client's left, which is why the two views map the same drawn half to
opposite sides. Each area id is a value of the `pain_areas` question; taps on a shape tick
the checkbox of the same value (static/js/pain-map.js).
"""

from dataclasses import dataclass

WIDTH = 200
HEIGHT = 450
CORNER = 0.3  # how much of each edge a rounded corner takes


@dataclass(frozen=True)
class Shape:
    d: str
    area: str = ""  # empty for the parts that are not a pain area (head, arms, feet...)


@dataclass(frozen=True)
class View:
    id: str
    title: str
    viewer_left: str  # the client's side shown on the viewer's left
    viewer_right: str
    shapes: tuple[Shape, ...]


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


def _head():
    cx, cy, rx, ry = 100, 33, 20, 25
    return f"M{cx - rx} {cy} a{rx} {ry} 0 1 0 {2 * rx} 0 a{rx} {ry} 0 1 0 {-2 * rx} 0 Z"


NECK = [(90, 53), (110, 53), (112, 78), (88, 78)]
SHOULDER = [
    (88, 78),
    (74, 81),
    (60, 87),
    (51, 97),
    (47, 112),
    (48, 124),
    (62, 124),
    (65, 108),
    (74, 96),
    (86, 90),
]
ARM = [(48, 127), (62, 127), (60, 150), (56, 186), (50, 224), (46, 250), (33, 250), (36, 224),
       (41, 186), (44, 150)]  # fmt: skip
HAND = [(33, 253), (46, 253), (47, 270), (40, 282), (31, 272)]
HIP = [(67, 200), (76, 200), (78, 228), (75, 252), (63, 250), (62, 226)]
THIGH_FRONT = [(63, 253), (75, 255), (99, 264), (97, 292), (93, 335), (73, 335), (67, 300)]
THIGH_BACK = [(63, 253), (76, 258), (88, 265), (99, 264), (97, 292), (93, 335), (73, 335),
              (67, 300)]  # fmt: skip
BELOW_KNEE = [(73, 338), (93, 338), (93, 372), (89, 420), (79, 420), (71, 372)]
FOOT_FRONT = [(79, 423), (89, 423), (92, 437), (72, 439)]
FOOT_BACK = [(79, 423), (89, 423), (90, 436), (78, 436)]

# Centre pieces, drawn whole.
CHEST = [(86, 90), (74, 96), (65, 108), (62, 124), (66, 150), (69, 180), (67, 197),
         (133, 197), (131, 180), (134, 150), (138, 124), (135, 108), (126, 96), (114, 90),
         (112, 81), (88, 81)]  # fmt: skip
PELVIS = [(79, 200), (121, 200), (122, 228), (124, 250), (100, 261), (76, 250), (78, 228)]
UPPER_BACK = [(86, 90), (74, 96), (65, 108), (62, 124), (66, 150), (67, 160), (133, 160),
              (134, 150), (138, 124), (135, 108), (126, 96), (114, 90), (112, 81),
              (88, 81)]  # fmt: skip
LOWER_BACK = [(67, 163), (98.5, 163), (98.5, 197), (67, 197), (69, 180)]
BUTTOCK = [(79, 200), (98.5, 200), (98.5, 250), (95, 259), (86, 262), (78, 256), (76, 240),
           (78, 220)]  # fmt: skip


def _pair(points, left_area, right_area):
    """The drawn half and its mirror image, with the area each one stands for."""
    return (
        Shape(_rounded(points), left_area),
        Shape(_rounded(_mirror(points)), right_area),
    )


def _view(id, title, near, far, centre, thigh, foot):
    """`near` is the client's side drawn on the viewer's left, `far` the other one."""
    shapes = [
        Shape(_head()),
        *_pair(ARM, "", ""),
        *_pair(HAND, "", ""),
        *_pair(FOOT_FRONT if foot == "front" else FOOT_BACK, "", ""),
        *centre,
        Shape(_rounded(NECK), "neck"),
        *_pair(SHOULDER, f"shoulder_{near}", f"shoulder_{far}"),
        *_pair(HIP, f"hip_{near}", f"hip_{far}"),
        *_pair(thigh, f"thigh_{near}", f"thigh_{far}"),
        *_pair(BELOW_KNEE, f"leg_below_knee_{near}", f"leg_below_knee_{far}"),
    ]
    return View(id, title, near.capitalize(), far.capitalize(), tuple(shapes))


FRONT = _view(
    "front",
    "Front",
    "right",
    "left",
    centre=(Shape(_rounded(CHEST)), Shape(_rounded(PELVIS))),
    thigh=THIGH_FRONT,
    foot="front",
)
BACK = _view(
    "back",
    "Back",
    "left",
    "right",
    centre=(
        Shape(_rounded(UPPER_BACK), "upper_back"),
        *_pair(LOWER_BACK, "lower_back_left", "lower_back_right"),
        *_pair(BUTTOCK, "buttock_left", "buttock_right"),
    ),
    thigh=THIGH_BACK,
    foot="back",
)
VIEWS = (FRONT, BACK)


def areas_drawn():
    """Every pain area that has at least one shape."""
    return {shape.area for view in VIEWS for shape in view.shapes if shape.area}
