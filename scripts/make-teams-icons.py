#!/usr/bin/env python3
"""Draws the Teams app icons into manifests/teams/ with the standard library only (no PIL).

color.png   192x192, opaque accent background, white symbol about 96x96 centred (48 px padding).
outline.png 32x32, white (255,255,255) on fully transparent, no padding.
Requirements: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package
"""
import pathlib
import struct
import zlib

ACCENT = (0x2F, 0x5F, 0xD0, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(width, height, pixel):
    """RGBA PNG, filter 0 on every row; pixel(x, y) returns an (r, g, b, a) tuple."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def in_symbol(x, y, size):
    """A clipboard-with-check glyph on a size x size grid: frame, clip and tick, in fractions of size."""
    u = x / size
    v = y / size
    frame = (0.12 <= u <= 0.88 and 0.14 <= v <= 0.98) and not (0.22 <= u <= 0.78 and 0.24 <= v <= 0.88)
    clip = 0.34 <= u <= 0.66 and 0.02 <= v <= 0.22
    # Tick: a short stroke down to (0.45, 0.78) and a long one up to (0.72, 0.42).
    short = 0.30 <= u <= 0.45 and abs(v - (0.62 + 1.07 * (u - 0.30))) <= 0.07
    long_ = 0.45 <= u <= 0.72 and abs(v - (0.78 - 1.33 * (u - 0.45))) <= 0.07
    return frame or clip or short or long_


def color_pixel(x, y):
    inner = x - 48, y - 48
    if 0 <= inner[0] < 96 and 0 <= inner[1] < 96 and in_symbol(inner[0] + 0.5, inner[1] + 0.5, 96):
        return WHITE
    return ACCENT


def outline_pixel(x, y):
    return WHITE if in_symbol(x + 0.5, y + 0.5, 32) else CLEAR


def main():
    folder = pathlib.Path(__file__).resolve().parent.parent / "manifests" / "teams"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "color.png").write_bytes(png(192, 192, color_pixel))
    (folder / "outline.png").write_bytes(png(32, 32, outline_pixel))


if __name__ == "__main__":
    main()
