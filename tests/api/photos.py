"""A small photo and the multipart form that uploads it (the GraphQL multipart request spec)."""

from __future__ import annotations

import io
import json
from typing import Any

from PIL import Image

UPLOAD = "mutation($file: Upload!) { mediaUpload(file: $file) { photo { sha256 url } errors { code } } }"


def jpeg(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="JPEG")
    return out.getvalue()


def upload_form(query: str = UPLOAD, photo: bytes | None = None) -> dict[str, Any]:
    """What `client.post("/graphql", **upload_form(…))` sends: the query, one file in variables.file."""
    return {
        "data": {
            "operations": json.dumps({"query": query, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        "files": {"0": ("photo.jpg", photo or jpeg(), "image/jpeg")},
    }
