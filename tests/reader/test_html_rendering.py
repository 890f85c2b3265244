"""The HTML report renders Chinese with its embedded font on a machine without CJK fonts:
headless Chromium (Debian's ``chromium``) with a fontconfig that sees only DejaVu Sans draws the
report differently with and without the embedded @font-face, and the rendering with it has the
dense strokes of Chinese glyphs rather than the empty boxes of missing ones.  Skipped when
Chromium or DejaVu is not installed."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_export_samples import sample_bundle

from reader.exchange.exporters import ExportOptions, get_exporter

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
pytestmark = pytest.mark.skipif(not CHROMIUM or not DEJAVU.exists(), reason="needs chromium and DejaVu Sans")


def _png_gray(path: Path) -> tuple[int, int, bytes]:
    """Width, height and 8-bit luminance of a PNG Chromium wrote (RGB/RGBA, no interlace)."""
    data = path.read_bytes()
    width, height, depth, kind = struct.unpack(">IIBB", data[16:26])
    raw = b"".join(data[i + 8:i + 8 + struct.unpack(">I", data[i:i + 4])[0]]
                   for i in [m.start() - 4 for m in re.finditer(b"IDAT", data)])
    pixels = zlib.decompress(raw)
    channels = {2: 3, 6: 4}[kind]
    stride = width * channels
    out, prev = bytearray(), bytearray(stride)
    pos = 0
    for _ in range(height):
        ftype, line = pixels[pos], bytearray(pixels[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += bytes(sum(line[k:k + 3]) // 3 for k in range(0, stride, channels))
        prev = line
    assert depth == 8
    return width, height, bytes(out)


def _shot(html: str, tmp: Path, name: str) -> bytes:
    page = tmp / f"{name}.html"
    page.write_text(html, "utf-8")
    fonts = tmp / "fonts"
    fonts.mkdir(exist_ok=True)
    shutil.copy(DEJAVU, fonts)
    conf = tmp / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
                    f"<cachedir>{tmp / 'cache'}</cachedir></fontconfig>", "utf-8")
    png = tmp / f"{name}.png"
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp))
    subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--user-data-dir={tmp / name}-profile", "--window-size=640,480", f"--screenshot={png}",
                    page.as_uri()], env=env, capture_output=True, timeout=120, check=True)
    return _png_gray(png)[2]


def test_report_renders_chinese_with_its_embedded_font(tmp_path: Path) -> None:
    out = io.StringIO()
    get_exporter("html").write(sample_bundle(), out, ExportOptions())
    with_font = out.getvalue()
    without = re.sub(r"@font-face \{[^}]*\}", "", with_font)
    assert without != with_font
    a, b = _shot(with_font, tmp_path, "with"), _shot(without, tmp_path, "without")
    differing = sum(1 for x, y in zip(a, b) if abs(x - y) > 40)
    assert differing > 2000  # the CJK text is drawn differently: real glyphs instead of boxes
