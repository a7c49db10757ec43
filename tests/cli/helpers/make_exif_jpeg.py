#!/usr/bin/env python3
"""Writes a tiny JPEG whose APP1 segment holds EXIF: Make, Model,
DateTime, DateTimeOriginal and a GPS position (22.28 N, 114.16 E).
Usage: make_exif_jpeg.py OUT.jpg"""
import struct
import sys


def ifd(entries, base):
    """entries: (tag, type, count, payload bytes); returns (ifd, data)
    with offsets relative to the TIFF header, the IFD starting at base."""
    n = len(entries)
    data_off = base + 2 + 12 * n + 4
    out = struct.pack("<H", n)
    data = b""
    for tag, typ, count, payload in sorted(entries):
        if len(payload) <= 4:
            out += struct.pack("<HHI", tag, typ, count) + payload.ljust(4, b"\0")
        else:
            out += struct.pack("<HHII", tag, typ, count, data_off + len(data))
            data += payload
            if len(data) % 2:
                data += b"\0"
    out += struct.pack("<I", 0)
    return out + data


def asc(s):
    b = s.encode() + b"\0"
    return (2, len(b), b)


def rat3(d, m, s):
    return (5, 3, struct.pack("<IIIIII", d, 1, m, 1, s, 1))


def build():
    # Layout: header(8) | IFD0 | Exif IFD | GPS IFD. Sizes first, offsets
    # second: build with placeholder pointers, then with the real ones.
    def ifd0(exif_at, gps_at):
        return [
            (0x010F,) + asc("TestCam"),
            (0x0110,) + asc("Model X"),
            (0x0132,) + asc("2024:03:01 10:22:33"),
            (0x8769, 4, 1, struct.pack("<I", exif_at)),
            (0x8825, 4, 1, struct.pack("<I", gps_at)),
        ]
    exif = [(0x9003,) + asc("2024:03:01 10:22:33")]
    gps = [
        (0x0001, 2, 2, b"N\0"),
        (0x0002,) + rat3(22, 16, 48),
        (0x0003, 2, 2, b"E\0"),
        (0x0004,) + rat3(114, 9, 36),
    ]
    b0 = ifd(ifd0(0, 0), 8)
    exif_at = 8 + len(b0)
    be = ifd(exif, exif_at)
    gps_at = exif_at + len(be)
    b0 = ifd(ifd0(exif_at, gps_at), 8)
    bg = ifd(gps, gps_at)
    tiff = b"II*\0" + struct.pack("<I", 8) + b0 + be + bg
    app1 = b"Exif\0\0" + tiff
    return (b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) +
            app1 + b"\xff\xd9")


with open(sys.argv[1], "wb") as f:
    f.write(build())
