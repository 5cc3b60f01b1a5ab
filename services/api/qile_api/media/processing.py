"""Checking and preparing an uploaded photo for screens.

The type is decided by decoding (Pillow), never by the file name or the
client's content type. Dimensions are checked from the header before any
pixel is decoded, so a decompression bomb costs nothing. What is stored is a
re-encoded JPEG: orientation applied, every metadata block (EXIF, GPS, XMP)
gone, at most `screen_image_side` pixels on its longer side.
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


def prepare_photo(data: bytes, *, max_bytes: int, max_side: int, max_pixels: int, screen_side: int) -> PreparedImage:
    if len(data) > max_bytes:
        raise Refused(
            problem(ErrorCode.IMAGE_TOO_LARGE, f"照片文件不能超过{max_bytes // (1024 * 1024)}MB", "file")
        )
    try:
        image: Image.Image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError as exc:
        raise Refused(problem(ErrorCode.IMAGE_TOO_LARGE, "照片尺寸过大", "file")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise Refused(
            problem(ErrorCode.INVALID_IMAGE, "无法识别的图片，请上传 JPEG、PNG 或 WebP 照片", "file")
        ) from exc
    width, height = image.size
    if max(width, height) > max_side or width * height > max_pixels:
        raise Refused(
            problem(ErrorCode.IMAGE_TOO_LARGE, f"照片尺寸过大（{width}×{height}），长边不能超过{max_side}像素", "file")
        )
    try:
        image.load()
    except (OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise Refused(problem(ErrorCode.INVALID_IMAGE, "图片文件已损坏或不完整", "file")) from exc

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
