#!/usr/bin/python3
"""Make hinted-2048.ttf, a tiny TrueType font unlike the shipped ones, for
generator/pdf's tests (run from anywhere; deterministic):

- 2048 units per em (the shipped fonts have 1000), with advances that are
  not whole thousandths of an em (A: 1229 units = 600.1/1000);
- hinting: fpgm, prep and cvt tables and instructions in every glyph;
- composite glyphs: 国 is a frame and 一 shifted and scaled by one half,
  B is A under a 2x2 matrix (slanted), 的 is 一 twice, the second placed by
  matching points instead of an offset.

It has 的 一 国 (every role's font must), A, B and 口. Needs fontTools
(Debian python3-fonttools).
"""
import os
from array import array

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = 3786825600  # 2024-01-01 in seconds since 1904
UPEM = 2048
HINT = bytes([0xB0, 0x00, 0x21])  # PUSHB[0] 0, POP: does nothing


def program(code):
    p = ttProgram.Program()
    p.fromBytecode(code)
    return p


def simple(draw):
    pen = TTGlyphPen(None)
    draw(pen)
    g = pen.glyph()
    g.program = program(HINT)
    return g


def box(pen, x0, y0, x1, y1):
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()


def frame(pen):
    box(pen, 200, -100, 1848, 1600)
    pen.moveTo((350, 50))  # counter
    pen.lineTo((1698, 50))
    pen.lineTo((1698, 1450))
    pen.lineTo((350, 1450))
    pen.closePath()


def bar(pen):
    box(pen, 150, 700, 1900, 860)


def letter_a(pen):
    pen.moveTo((100, 0))
    pen.lineTo((560, 1434))
    pen.qCurveTo((615, 1500), (670, 1434))
    pen.lineTo((1130, 0))
    pen.lineTo((980, 0))
    pen.lineTo((615, 1200))
    pen.lineTo((250, 0))
    pen.closePath()


def component(name, x=0, y=0, transform=None, match=None):
    c = GlyphComponent()
    c.glyphName = name
    c.flags = 0
    if match is not None:
        c.firstPt, c.secondPt = match
    else:
        c.x, c.y = x, y
    if transform is not None:
        c.transform = transform
    return c


def composite(*components):
    g = Glyph()
    g.numberOfContours = -1
    g.components = list(components)
    g.program = program(HINT)
    return g


def main():
    order = [".notdef", "uni4E00", "frame", "uni56FD", "uni7684", "A", "B", "uni53E3"]
    cmap = {0x4E00: "uni4E00", 0x56FD: "uni56FD", 0x7684: "uni7684", ord("A"): "A", ord("B"): "B", 0x53E3: "uni53E3"}
    fb = FontBuilder(UPEM, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    glyphs = {
        ".notdef": simple(lambda p: box(p, 100, 0, 924, 1434)),
        "uni4E00": simple(bar),
        "frame": simple(frame),
        "uni56FD": composite(component("frame"), component("uni4E00", 512, 200, [[0.5, 0], [0, 0.5]])),
        # the second bar's point 0 goes where the first bar's point 1 is
        "uni7684": composite(component("uni4E00", 0, -400), component("uni4E00", match=(1, 0))),
        "A": simple(letter_a),
        "B": composite(component("A", 40, 0, [[1, 0], [0.25, 1]])),
        "uni53E3": composite(component("frame")),
    }
    fb.setupGlyf(glyphs)
    widths = {".notdef": 1024, "A": 1229, "B": 1100}
    glyf = fb.font["glyf"]
    metrics = {}
    for name in order:
        g = glyf[name]
        g.recalcBounds(glyf)
        metrics[name] = (widths.get(name, UPEM), getattr(g, "xMin", 0))
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=1802, descent=-246)
    fb.setupNameTable({"familyName": "TinyHinted", "styleName": "Regular", "psName": "TinyHinted-Regular"})
    fb.setupOS2(sTypoAscender=1802, sTypoDescender=-246, usWinAscent=1802, usWinDescent=246,
                sCapHeight=1434, sxHeight=1000, version=2)
    fb.setupPost()
    fb.setupMaxp()
    fb.font["fpgm"] = newTable("fpgm")
    fb.font["fpgm"].program = program(bytes([0xB0, 0x00, 0x2C, 0x2D]))  # PUSHB 0, FDEF, ENDF
    fb.font["prep"] = newTable("prep")
    fb.font["prep"].program = program(HINT)
    fb.font["cvt "] = newTable("cvt ")
    fb.font["cvt "].values = array("h", [0, 160, 1434])
    head = fb.font["head"]
    head.created = head.modified = STAMP
    fb.font.recalcTimestamp = False
    fb.save(os.path.join(HERE, "hinted-2048.ttf"))


if __name__ == "__main__":
    main()
