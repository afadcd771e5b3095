#!/usr/bin/python3
"""Make the tiny test fonts in this folder (run from anywhere):

  tiny-cff.otf   CFF-outline OpenType font with glyphs for "一" and "A":
                 fontset must refuse it with a hint to convert.
  tiny-latin.ttf TrueType font with only "A": fontset must refuse it for a
                 CJK role (lacks 的 一 国).

Needs fontTools (Debian python3-fonttools). Deterministic: fixed timestamps.
"""
import os

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = 3786825600  # 2024-01-01 in seconds since 1904


def draw_box(pen, x0, y0, x1, y1):
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()


def names(family):
    return {"familyName": family, "styleName": "Regular", "psName": family + "-Regular"}


def make(path, cff, cmap):
    order = [".notdef"] + list(cmap.values())
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap)
    widths = {".notdef": 500, "A": 600, "uni4E00": 1000}
    if cff:
        charstrings = {}
        for g in order:
            pen = T2CharStringPen(widths[g], None)
            draw_box(pen, 50, 0, widths[g] - 50, 700 if g != "uni4E00" else 420)
            charstrings[g] = pen.getCharString()
        fb.setupCFF("TinyCFF-Regular", {"FullName": "Tiny CFF"}, charstrings, {})
    else:
        glyphs = {}
        for g in order:
            pen = TTGlyphPen(None)
            draw_box(pen, 50, 0, widths[g] - 50, 700)
            glyphs[g] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (widths[g], 50) for g in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable(names("TinyCFF" if cff else "TinyLatin"))
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.updateHead(created=STAMP, modified=STAMP)
    fb.font.recalcTimestamp = False
    fb.save(path)


make(os.path.join(HERE, "tiny-cff.otf"), True, {0x4E00: "uni4E00", 0x41: "A"})
make(os.path.join(HERE, "tiny-latin.ttf"), False, {0x41: "A"})
