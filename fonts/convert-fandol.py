#!/usr/bin/python3
"""Convert a Fandol OpenType/CFF font into a compact TrueType (glyf) font.

Usage: /usr/bin/python3 convert-fandol.py IN.otf OUT.ttf

Why: the PDF writer used by mofan (and golang.org/x/image/font/sfnt based
coverage checks) only embeds TrueType-outline fonts, while Fandol ships CFF
outlines. This script converts the cubic CFF outlines to quadratic TrueType
outlines with fontTools' cu2qu, keeps every other table (cmap, hmtx, OS/2,
name, GPOS, BASE, vhea/vmtx ...), and records the modification in the
version string (GPL-3 section 5a asks modified works to say so).

Every PDF mofan writes embeds a few hundred glyphs of these fonts, so their
outlines are made compact on the way, within a bound no print can show
(1000 units per em; at 16 pt one unit is 0.0056 mm, a 600 dpi dot 7.5 units):

1. cu2qu approximates each cubic within MAX_ERR units;
2. every point is moved to the nearest point of a GRID-unit grid (the
   deltas the glyf table stores then carry fewer distinct values, and
   deflate stores them in fewer bits);
3. in one pass over each contour, a point is dropped when the outline stays
   within FLAT_TOL units without it: an off-curve point whose curve is
   nearly its chord, an on-curve point nearly on the line between its
   on-curve neighbours, an on-curve point exactly midway between its
   off-curve neighbours (TrueType implies it), a repeated point. A point
   next to one dropped in the pass is kept, so errors do not add up.

The advance widths, metrics, units per em and every other table stay as
they were: text lays out exactly as before. The largest distance between
an original outline and its converted form, over all glyphs, is stated in
fonts/README.md.

The output is deterministic: head.created/head.modified are kept from the
source font (no "now" timestamp), the checksum adjustment is recomputed from
the data only, and nothing random is involved. Running it twice on the same
input gives byte-identical files.

Needs fontTools (Debian: python3-fonttools 4.38). Takes about 30 s per font.

Based on the otf2ttf recipe in fontTools' Snippets (MIT licence).
"""

import math
import sys
from array import array

from fontTools.pens.basePen import AbstractPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

# Maximum error of the quadratic approximation, in font units (Fandol: 1000
# units per em).
MAX_ERR = 2.0

# Points are moved to multiples of GRID font units.
GRID = 4

# A point is dropped when the outline stays within FLAT_TOL font units
# without it.
FLAT_TOL = 2.0

# CFF contours run counter-clockwise, TrueType contours clockwise.
REVERSE_DIRECTION = True

# Fixed note appended to name ID 5 (version string): says the font was
# modified, how, and when (a fixed date, so output stays reproducible).
MODIFIED_NOTE = ("; converted to TrueType outlines with fontTools cu2qu, "
                 "points on a 4-unit grid, by mofan, 2026-11-30")


class ContourPen(AbstractPen):
    """Collects quadratic contours as lists of (x, y, on_curve)."""

    def __init__(self):
        self.contours = []
        self.current = None

    def moveTo(self, pt):
        self.current = [(pt[0], pt[1], 1)]

    def lineTo(self, pt):
        self.current.append((pt[0], pt[1], 1))

    def qCurveTo(self, *points):
        for pt in points[:-1]:
            self.current.append((pt[0], pt[1], 0))
        if points[-1] is not None:
            self.current.append((points[-1][0], points[-1][1], 1))

    def curveTo(self, *points):
        raise ValueError("cu2qu left a cubic curve")

    def closePath(self):
        c = self.current
        if len(c) > 1 and c[0][2] and c[-1][2] and c[0][:2] == c[-1][:2]:
            c.pop()  # the closing point repeats the first
        self.contours.append(c)
        self.current = None

    def endPath(self):
        self.closePath()

    def addComponent(self, glyphName, transformation):
        raise ValueError("Fandol's CFF glyphs have no components")


def snap(v):
    """The nearest multiple of GRID (halves away from -inf: deterministic)."""
    return GRID * math.floor(v / GRID + 0.5)


def chord_distance(p, a, b):
    """Distance from point p to the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def droppable(a, p, b):
    """Whether point p, between a and b, can go (see the module comment)."""
    if p == b:
        return True
    if p[2] and not a[2] and not b[2]:
        return 2 * p[0] == a[0] + b[0] and 2 * p[1] == a[1] + b[1]
    if a[2] and b[2]:
        # A quadratic's farthest point from its chord is half as far as
        # its control point.
        limit = FLAT_TOL if p[2] else 2 * FLAT_TOL
        return chord_distance(p, a, b) <= limit
    return False


def simplify(contour):
    n = len(contour)
    if n <= 3:
        return contour
    keep = [True] * n
    for i in range(n):
        if not keep[i - 1] or not keep[(i + 1) % n]:
            continue
        if droppable(contour[i - 1], contour[i], contour[(i + 1) % n]):
            keep[i] = False
    return [p for p, k in zip(contour, keep) if k]


def compact_glyph(glyph):
    """The glyph as a TrueType glyph: quadratic, snapped, simplified."""
    pen = ContourPen()
    glyph.draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION))
    coords, flags, ends = [], [], []
    for contour in pen.contours:
        contour = simplify([(snap(x), snap(y), on) for x, y, on in contour])
        if len(contour) < 3:
            continue  # collapsed to less than GRID units: nothing to draw
        for x, y, on in contour:
            coords.append((x, y))
            flags.append(on)
        ends.append(len(coords) - 1)
    out = Glyph()
    out.numberOfContours = len(ends)
    if ends:
        out.coordinates = GlyphCoordinates(coords)
        out.flags = array("B", flags)
        out.endPtsOfContours = ends
        out.program = ttProgram.Program()
        out.program.fromBytecode(b"")
    return out


def update_hmtx(font, glyf):
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)


def update_vmtx(font, glyf):
    # Top side bearing = vertical origin - yMax. Without VORG the origin is
    # the ascender of vhea; for Fandol VORG's default equals it (880).
    if "vmtx" not in font:
        return
    vorg = font["VORG"] if "VORG" in font else None
    vmtx = font["vmtx"]
    for name, glyph in glyf.glyphs.items():
        if not hasattr(glyph, "yMax"):
            continue
        if vorg is not None:
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
        else:
            origin = font["vhea"].ascent
        vmtx[name] = (vmtx[name][0], origin - glyph.yMax)


def convert(src, dst):
    font = TTFont(src, recalcTimestamp=False, recalcBBoxes=True)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise SystemExit(f"{src}: not a CFF OpenType font")

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: compact_glyph(glyph_set[name]) for name in order}
    glyf.compile(font)

    update_hmtx(font, glyf)
    update_vmtx(font, glyf)

    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    # Remaining maxp fields (maxPoints, maxContours, ...) are recomputed on save.
    font["maxp"] = maxp

    # CID-keyed glyph names (cid01234) carry no information: drop them.
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    head = font["head"]
    head.glyphDataFormat = 0

    for rec in font["name"].names:
        if rec.nameID == 5:
            text = rec.toUnicode()
            if MODIFIED_NOTE not in text:
                rec.string = text + MODIFIED_NOTE

    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(dst, reorderTables=True)


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: convert-fandol.py IN.otf OUT.ttf")
    convert(sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
