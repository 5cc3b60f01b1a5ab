"""Checking and preparing an uploaded photo for screens.

The type is decided by decoding (Pillow), never by the file name or the
client's content type. Dimensions are checked from the header before any
pixel is decoded, so a decompression bomb costs nothing. What is stored is a
re-encoded JPEG: orientation applied, every metadata block (EXIF, GPS, XMP)
gone, at most `screen_image_side` pixels on its longer side.

Refusals name what is uploaded (`noun`): an honour's 照片, a notice's 海报, an
activity's 图片; an editor reads "海报文件不能超过8MB", not about a photo.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from qile_api.problems import ErrorCode, Refused, problem

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class PreparedImage:
    sha256: str
    content_type: str
    width: int
    height: int
    data: bytes


def _size_text(n: int) -> str:
    """8MB; a cap under a megabyte in KB rather than "0MB"."""
    return f"{n // (1024 * 1024)}MB" if n >= 1024 * 1024 else f"{n // 1024}KB"


def prepare_photo(
    data: bytes, *, max_bytes: int, max_side: int, max_pixels: int, screen_side: int, noun: str = "照片"
) -> PreparedImage:
    if len(data) > max_bytes:
        raise Refused(problem(ErrorCode.IMAGE_TOO_LARGE, f"{noun}文件不能超过{_size_text(max_bytes)}", "file"))
    unreadable = f"无法识别的图片，请上传 JPEG、PNG 或 WebP 格式的{noun}"
    try:
        image: Image.Image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError as exc:
        raise Refused(problem(ErrorCode.IMAGE_TOO_LARGE, f"{noun}尺寸过大", "file")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise Refused(problem(ErrorCode.INVALID_IMAGE, unreadable, "file")) from exc
    width, height = image.size
    too_large = f"{noun}尺寸过大（{width}×{height}）"
    if max(width, height) > max_side:
        raise Refused(problem(ErrorCode.IMAGE_TOO_LARGE, f"{too_large}，长边不能超过{max_side}像素", "file"))
    if width * height > max_pixels:
        # Within the side limit, yet too many pixels to decode safely: say which limit it is.
        limit = f"{max_pixels // 10_000}万" if max_pixels % 10_000 == 0 else str(max_pixels)
        raise Refused(problem(ErrorCode.IMAGE_TOO_LARGE, f"{too_large}，总像素不能超过{limit}", "file"))
    try:
        image.load()
    except (OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise Refused(problem(ErrorCode.INVALID_IMAGE, f"{noun}文件已损坏或不完整", "file")) from exc

    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "P"):
        # Screens have no transparency: put the photo on white.
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image = image.convert("RGB")
    image.thumbnail((screen_side, screen_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    encoded = out.getvalue()
    return PreparedImage(
        sha256=hashlib.sha256(encoded).hexdigest(),
        content_type="image/jpeg",
        width=image.width,
        height=image.height,
        data=encoded,
    )
