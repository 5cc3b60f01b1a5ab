"""A fake camera for Chromium: a picture written as a few frames of a Y4M video.

Chromium films the file given by --use-file-for-fake-video-capture in a loop
(e2e/helpers.mjs launch). Y4M is a text header, then per frame "FRAME\\n" and
the raw planes: full-size Y, then Cb and Cr at half width and height (4:2:0).
Pillow's YCbCr is JPEG's full-range BT.601, which the header says (C420jpeg).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

# A phone camera's smallest common size; even sides, as 4:2:0 needs.
FRAME = (640, 480)


def write_y4m(picture: Image.Image, path: Path, frames: int = 5, fps: int = 10) -> None:
    """Film `picture`, centred on a grey table, for `frames` frames."""
    width, height = FRAME
    canvas = Image.new("RGB", FRAME, (128, 128, 128))
    canvas.paste(picture.convert("RGB"), ((width - picture.width) // 2, (height - picture.height) // 2))
    luma, blue, red = canvas.convert("YCbCr").split()
    half = (width // 2, height // 2)
    chroma = blue.resize(half, Image.Resampling.BOX).tobytes() + red.resize(half, Image.Resampling.BOX).tobytes()
    frame = b"FRAME\n" + luma.tobytes() + chroma
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(frame)
