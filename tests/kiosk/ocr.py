"""Reading frames back as a person would: tesseract (chi_sim, from Debian) and character sets.

OCR is imperfect: it misreads a few characters of a frame, more at the small
sizes of chrome. So what it reads is compared with what was drawn as sets of
characters, with a threshold the tests state and justify.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pygame

from qile_api.screens.pairing.flow import CODE_ALPHABET

# A pairing code's letters, scaled to the height tesseract reads best (they are drawn some 150 px tall).
CODE_HEIGHT = 40


def tesseract(*args: str) -> subprocess.Popen[str]:
    """tesseract with `args`, its output to read. One thread: OpenMP threads contending for
    busy cores made a frame take four times as long."""
    return subprocess.Popen(
        ["tesseract", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ, OMP_THREAD_LIMIT="1"),
    )


def output(run: subprocess.Popen[str]) -> str:
    out, _ = run.communicate()
    assert run.returncode == 0, run.returncode
    return out


def read(path: Path, part: pygame.Rect | None = None) -> str:
    """What tesseract reads in a frame, or a part of it (Simplified Chinese), without its spaces."""
    if part is not None:
        cropped = path.with_suffix(".part.png")
        pygame.image.save(pygame.image.load(str(path)).subsurface(part), str(cropped))
        path = cropped
    return "".join(output(tesseract(str(path), "-", "-l", "chi_sim", "--psm", "3")).split())


def read_all(paths: list[Path]) -> list[str]:
    """What tesseract reads in each frame, as `read` does: two processes (the machine's two
    cores), each reading a list of frames so that the model loads once; its pages come back
    separated by form feeds."""
    halves = [half for half in (paths[0::2], paths[1::2]) if half]
    runs = []
    for n, half in enumerate(halves):
        listing = half[0].with_name(f"frames{n}.txt")
        listing.write_text("".join(f"{p}\n" for p in half))
        runs.append(tesseract(str(listing), "-", "-l", "chi_sim", "--psm", "3"))
    found: dict[Path, str] = {}
    for half, run in zip(halves, runs, strict=True):
        pages = output(run).split("\f")[: len(half)]
        assert len(pages) == len(half), (len(pages), len(half))
        found.update((p, "".join(page.split())) for p, page in zip(half, pages, strict=True))
    return [found[p] for p in paths]


def code_read(path: Path, box: pygame.Rect) -> str:
    """A pairing code as tesseract reads it from its box: one line (psm 7) of the codes' alphabet
    (Latin capitals and digits: chi_sim, made for Chinese, reads them as radicals), no spaces.
    Alone on a margin of its ground: the lines above and below would be read into it."""
    frame = pygame.image.load(str(path))
    scale = CODE_HEIGHT / box.h
    code = pygame.transform.smoothscale(frame.subsurface(box), (round(box.w * scale), CODE_HEIGHT))
    canvas = pygame.Surface((code.get_width() + 2 * CODE_HEIGHT, 3 * CODE_HEIGHT))
    canvas.fill(frame.get_at((box.x - 1, box.y - 1)))
    canvas.blit(code, (CODE_HEIGHT, CODE_HEIGHT))
    alone = path.with_suffix(".code.png")
    pygame.image.save(canvas, str(alone))
    whitelist = f"tessedit_char_whitelist={CODE_ALPHABET}"
    return "".join(output(tesseract(str(alone), "-", "-l", "eng", "--psm", "7", "-c", whitelist)).split())


def cjk(text: str) -> set[str]:
    """The characters OCR can be asked for: CJK Unified Ideographs of the basic block.

    𪚥 (Extension B) and emoji are drawn by fallback faces chi_sim was never trained on;
    their drawing is checked from the recorded texts (the value whole) instead."""
    return {ch for ch in text if "\u4e00" <= ch <= "\u9fff"}


def recall(expected: set[str], read: str) -> float:
    """The share of `expected` found in what was read."""
    return len(expected & set(read)) / len(expected) if expected else 1.0
