#!/usr/bin/python3
"""Convert a Fandol OpenType/CFF font into a TrueType (glyf) font.

Usage: /usr/bin/python3 convert-fandol.py IN.otf OUT.ttf

Why: the PDF writer used by mofan (and golang.org/x/image/font/sfnt based
coverage checks) only embeds TrueType-outline fonts, while Fandol ships CFF
outlines. This script converts the cubic CFF outlines to quadratic TrueType
outlines with fontTools' cu2qu, keeps every other table (cmap, hmtx, OS/2,
name, GPOS, BASE, vhea/vmtx ...), and records the modification in the
version string (GPL-3 section 5a asks modified works to say so).

The output is deterministic: head.created/head.modified are kept from the
source font (no "now" timestamp), the checksum adjustment is recomputed from
the data only, and nothing random is involved. Running it twice on the same
input gives byte-identical files.

Needs fontTools (Debian: python3-fonttools). Takes 30-60 s per font.

Based on the otf2ttf recipe in fontTools' Snippets (MIT licence).
"""

import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Maximum approximation error, in font units (Fandol: 1000 units per em).
# 1.0 is fontTools' default for otf2ttf and invisible at print sizes.
MAX_ERR = 1.0

# CFF contours run counter-clockwise, TrueType contours clockwise.
REVERSE_DIRECTION = True

# Fixed note appended to name ID 5 (version string): says the font was
# modified, how, and when (a fixed date, so output stays reproducible).
MODIFIED_NOTE = "; converted to TrueType outlines with fontTools cu2qu by mofan, 2026-11-26"


def glyphs_to_quadratic(glyph_set, order):
    quad = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        cu2qu_pen = Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION)
        glyph_set[name].draw(cu2qu_pen)
        quad[name] = tt_pen.glyph()
    return quad


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
    glyf.glyphs = glyphs_to_quadratic(glyph_set, order)
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
