#!/usr/bin/env python3
"""png_ink.py FILE: the share of a PNG's pixels that are not near-white
(any channel under 200 of 255), printed as a fraction, so a screenshot of a
chart can be told from one of a broken image. Standard library only: zlib
and the five PNG row filters; 8-bit greyscale, RGB and RGBA."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"png_ink: {path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (0, 2, 6):
                sys.exit(f"png_ink: {path}: depth {depth}, colour type {colour} not read here")
            bpp = {0: 1, 2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride = zlib.decompress(idat), width * bpp
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
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
        rows.append(line)
        prev = line
    return rows, bpp


def main():
    rows, bpp = pixels(sys.argv[1])
    total = ink = 0
    for line in rows:
        for x in range(0, len(line), bpp):
            total += 1
            ink += min(line[x:x + min(bpp, 3)]) < 200
    print(f"{ink / total:.4f}")


if __name__ == "__main__":
    main()
