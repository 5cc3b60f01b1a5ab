"""Finding a CJK font: from configuration, else fontconfig, never a box (tofu).

A .ttc collection holds several faces (JP, KR, SC, TC, HK); Simplified Chinese
needs the SC face, whose index fontconfig reports with `%{index}`.

Names are written with characters no everyday font has: Noto Sans CJK lacks
most of CJK Extensions B to F (𪚥建华) and every emoji. Fallback faces, in
order, draw what the primary lacks: Debian's HanaMin (fonts-hanazono: Extension
A, and B to F) and Symbola (fonts-symbola: monochrome emoji and symbols), then
Unifont Upper (fonts-unifont: the emoji Symbola lacks). infra/install-fonts.sh
installs them; a screen without them still runs, showing a placeholder instead.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pygame.freetype

log = logging.getLogger(__name__)

# Characters every screen draws whatever the content: if the font lacks one,
# it is not a Chinese font.
PROBE = "齐乐融融里仁为美社区通知离线最后更新"


class FontNotFound(RuntimeError):
    pass


@dataclass(frozen=True)
class FontSpec:
    path: Path
    index: int = 0


def _fc_match(pattern: str) -> FontSpec | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("fc-match failed: %s", exc)
        return None
    path, _, index = out.partition("|")
    if not path:
        return None
    return FontSpec(Path(path), int(index) if index.strip().isdigit() else 0)


def sc_face_index(path: Path) -> int:
    """The Simplified Chinese face of a collection, by its name; 0 if none says so."""
    for index in range(16):
        try:
            face = pygame.freetype.Font(str(path), 12, font_index=index)
        except (OSError, pygame.error):
            break
        if " SC" in face.name or "SC " in face.name or face.name.endswith("SC"):
            return index
    return 0


def covers(spec: FontSpec, text: str) -> bool:
    try:
        face = pygame.freetype.Font(str(spec.path), 24, font_index=spec.index)
    except (OSError, pygame.error):
        return False
    return all(m is not None for m in face.get_metrics(text))


def find_font(path: Path | None = None, index: int | None = None, bold: bool = False) -> FontSpec:
    """The configured font if given, else fontconfig's best Simplified Chinese face."""
    pygame.freetype.init()
    candidates: list[FontSpec] = []
    if path is not None:
        if index is None:
            index = sc_face_index(path) if path.suffix.lower() in (".ttc", ".otc") else 0
        candidates.append(FontSpec(path, index))
    weight = ":weight=bold" if bold else ""
    for pattern in (f":lang=zh-cn{weight}", f"Noto Sans CJK SC{weight}", ":lang=zh"):
        found = _fc_match(pattern)
        if found is not None:
            candidates.append(found)
    for spec in candidates:
        if spec.path.is_file() and covers(spec, PROBE):
            return spec
        log.warning("font %s (face %d) cannot draw Chinese; trying the next", spec.path, spec.index)
    raise FontNotFound("no CJK font found: install fonts-noto-cjk (infra/install-fonts.sh) or set font_path")


# The fallback faces, by family name, in the order they are asked for a character.
FALLBACK_FAMILIES = ("HanaMinA", "HanaMinB", "Symbola", "Unifont Upper")


def find_fallbacks() -> tuple[FontSpec, ...]:
    """The installed fallback faces: fontconfig's answer, when it is the family asked for."""
    found: list[FontSpec] = []
    for family in FALLBACK_FAMILIES:
        spec = _fc_match(family)
        # fontconfig always answers with something: keep it only if it is the family.
        if spec is not None and spec.path.is_file() and _family_of(spec) == family:
            found.append(spec)
        else:
            log.info("fallback font %s not installed (infra/install-fonts.sh installs it)", family)
    return tuple(found)


def _family_of(spec: FontSpec) -> str | None:
    try:
        return str(pygame.freetype.Font(str(spec.path), 12, font_index=spec.index).name)
    except (OSError, pygame.error):
        return None


@dataclass(frozen=True)
class Fonts:
    regular: FontSpec
    bold: FontSpec
    fallbacks: tuple[FontSpec, ...] = ()

    @classmethod
    def discover(cls, path: Path | None = None, index: int | None = None) -> Fonts:
        regular = find_font(path, index)
        try:
            # A configured font is used for both weights: bold is then synthesised.
            bold = regular if path is not None else find_font(bold=True)
        except FontNotFound:
            bold = regular
        return cls(regular, bold, find_fallbacks())
