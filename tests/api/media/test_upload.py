"""Photo uploads with real files, good and bad, over the multipart request spec."""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from typing import Any

import pytest
from PIL import Image

from tests.api import staff
from tests.api.conftest import Api

UPLOAD = """
mutation($file: Upload!, $purpose: UploadPurpose) {
  mediaUpload(file: $file, purpose: $purpose) {
    photo { sha256 url width height contentType } errors { code field message }
  }
}
"""


async def upload(
    api: Api, token: str | None, name: str, data: bytes, content_type: str, purpose: str | None = None
) -> dict[str, Any]:
    variables: dict[str, Any] = {"file": None, **({"purpose": purpose} if purpose else {})}
    operations = {"query": UPLOAD, "variables": variables}
    response = await api.client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, data, content_type)},
        # Multipart POSTs need it (cross-site forms cannot send it).
        headers={"X-Qile-Client": "tests", **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    return response.json()  # type: ignore[no-any-return]


def jpeg_with_gps(size: tuple[int, int] = (40, 20), orientation: int = 6) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "QileCam"  # camera make
    exif[0x0112] = orientation  # rotate 90° when shown
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (36.0, 48.0, 12.0)  # 36°48′ N: where the photo was taken
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims huge dimensions (a decompression bomb's first bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.fixture
async def editor(api: Api) -> str:
    return await staff.staff(api.db, "editor", "EDITOR", "工盛社区")


async def test_a_photo_is_stored_stripped_and_upright(api: Api, editor: str) -> None:
    original = jpeg_with_gps()
    assert b"QileCam" in original and b"Exif" in original

    body = await upload(api, editor, "wang.jpg", original, "image/jpeg")

    photo = body["data"]["mediaUpload"]["photo"]
    assert body["data"]["mediaUpload"]["errors"] == []
    stored = await api.client.get(photo["url"], headers={"Authorization": f"Bearer {editor}"})  # staff preview
    assert stored.headers["content-type"] == "image/jpeg"
    assert b"QileCam" not in stored.content and b"Exif" not in stored.content
    # the orientation was applied before the metadata went
    assert (photo["width"], photo["height"]) == (20, 40)
    assert Image.open(io.BytesIO(stored.content)).size == (20, 40)


async def test_the_same_photo_twice_is_stored_once(api: Api, editor: str) -> None:
    data = jpeg_with_gps()
    first = await upload(api, editor, "a.jpg", data, "image/jpeg")
    second = await upload(api, editor, "b.jpg", data, "image/jpeg")

    assert first["data"]["mediaUpload"]["photo"]["sha256"] == second["data"]["mediaUpload"]["photo"]["sha256"]
    assert await api.db.fetchval("SELECT count(*) FROM media") == 1


async def test_large_photos_are_scaled_for_screens(api: Api, editor: str) -> None:
    out = io.BytesIO()
    Image.new("RGB", (3000, 1500), (10, 120, 200)).save(out, format="PNG")

    body = await upload(api, editor, "big.png", out.getvalue(), "image/png")

    photo = body["data"]["mediaUpload"]["photo"]
    assert (photo["width"], photo["height"]) == (1600, 800)
    assert photo["contentType"] == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("notes.jpg", "这不是图片，是一段文字。".encode(), "INVALID_IMAGE"),
        ("doc.jpg", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "INVALID_IMAGE"),
        (
            "anim.gif",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
            b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
            "INVALID_IMAGE",
        ),
        ("bomb.png", png_header(30_000, 30_000), "IMAGE_TOO_LARGE"),
        ("wide.png", png_header(9_000, 10), "IMAGE_TOO_LARGE"),
        ("noise.png", None, "IMAGE_TOO_LARGE"),
        ("cut.jpg", None, "INVALID_IMAGE"),
    ],
)
async def test_bad_files_get_a_clear_error_and_store_nothing(
    api: Api, editor: str, name: str, data: bytes | None, code: str
) -> None:
    if name == "noise.png":  # over the test app's 300 KiB cap: random pixels do not compress
        out = io.BytesIO()
        Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3)).save(out, format="PNG")
        data = out.getvalue()
    if name == "cut.jpg":  # a real photo cut off half-way, as a broken transfer leaves it
        out = io.BytesIO()
        Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3)).save(out, format="JPEG")
        data = out.getvalue()[: len(out.getvalue()) // 2]
    assert data is not None

    body = await upload(api, editor, name, data, "image/jpeg")

    payload = body["data"]["mediaUpload"]
    assert payload["photo"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, "file")]
    assert payload["errors"][0]["message"]
    assert await api.db.fetchval("SELECT count(*) FROM media") == 0


def noise_png(side: int) -> bytes:
    """Random pixels do not compress: over the test app's 300 KiB cap from about 320 pixels a side."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("purpose", "noun"), [(None, "照片"), ("PHOTO", "照片"), ("POSTER", "海报"), ("IMAGE", "图片")]
)
async def test_refusals_name_what_is_uploaded(api: Api, editor: str, purpose: str | None, noun: str) -> None:
    # An editor uploading a notice's poster is told about the poster, not about a photo of an honour.
    async def refusal(data: bytes) -> str:
        payload = (await upload(api, editor, "海报.png", data, "image/png", purpose))["data"]["mediaUpload"]
        assert payload["photo"] is None
        [error] = payload["errors"]
        return str(error["message"])

    others = {"照片", "海报", "图片"} - {noun}
    too_heavy = await refusal(noise_png(400))
    assert too_heavy == f"{noun}文件不能超过300KB"  # the test app's cap
    not_an_image = await refusal("这不是一张海报".encode())
    assert not_an_image == f"无法识别的图片，请上传 JPEG、PNG 或 WebP 格式的{noun}"
    too_wide = await refusal(png_header(9_000, 10))
    assert too_wide == f"{noun}尺寸过大（9000×10），长边不能超过8000像素"
    too_many_pixels = await refusal(png_header(7_000, 7_000))
    assert too_many_pixels == f"{noun}尺寸过大（7000×7000），总像素不能超过4000万"
    for message in (too_heavy, too_wide, too_many_pixels):
        assert not any(other in message for other in others), message
    assert await api.db.fetchval("SELECT count(*) FROM media") == 0


async def test_uploads_need_a_signed_in_editor(api: Api) -> None:
    body = await upload(api, None, "a.jpg", jpeg_with_gps(), "image/jpeg")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
