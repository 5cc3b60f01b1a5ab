"""The sign-up code's QR code as a resident's phone shows it: the inline SVG off the page, drawn to pixels.

pygame's SVG loader (SDL_image) draws it at one pixel a module, as the
viewBox says; Pillow then enlarges it by whole pixels, so each module stays a
sharp square. Shared by the resident page's test and the camera check-in test
(tests/console/test_scan.py), which films the same pixels.
"""

from __future__ import annotations

import io
import re

import pygame
from PIL import Image


def svg_on(page: str) -> str:
    """The one inline SVG on a page."""
    found = re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)
    assert len(found) == 1, page
    return str(found[0])


def drawn(svg: str, module_px: int) -> Image.Image:
    """The SVG drawn by a real renderer, each module `module_px` pixels square."""
    surface = pygame.image.load(io.BytesIO(svg.encode()), "code.svg")
    width, height = surface.get_size()
    image = Image.frombytes("RGB", (width, height), pygame.image.tobytes(surface, "RGB"))
    return image.resize((width * module_px, height * module_px), Image.Resampling.NEAREST)
