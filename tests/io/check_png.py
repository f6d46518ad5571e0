"""Checks that a screenshot shows the report's figures: decodes the PNG with the standard
library (zlib, struct), and requires many distinct colours and enough pixels of the figures'
blue (#2f6f9f, within a tolerance for anti-aliasing).

usage: check_png.py FILE MIN_DISTINCT_COLOURS MIN_PLOT_PIXELS
"""
import struct
import sys
import zlib


def fail(message):
    print(f"check_png: {message}")
    sys.exit(1)


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        fail(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    for row in rows:
        for x in range(0, stride, bpp):
            yield row[x], row[x + 1], row[x + 2]


def main():
    path, min_colours, min_plot = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    colours, plot = set(), 0
    for r, g, b in pixels(path):
        colours.add((r, g, b))
        if abs(r - 0x2F) < 24 and abs(g - 0x6F) < 24 and abs(b - 0x9F) < 24:
            plot += 1
    if len(colours) < min_colours:
        fail(f"{len(colours)} distinct colours, expected at least {min_colours}: blank page?")
    if plot < min_plot:
        fail(f"{plot} pixels of the figures' colour, expected at least {min_plot}: figures missing?")
    print(f"check_png: {len(colours)} colours, {plot} figure pixels: ok")


main()
