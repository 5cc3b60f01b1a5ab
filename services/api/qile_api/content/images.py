"""The image a notice or an event carries: a poster or a photo, and the consent of the people it shows.

The image is uploaded first (`mediaUpload`: decoded, checked, re-encoded) and
attached by its sha256 like an honour's photo; attaching, replacing and
removing it are edits like any other, so a changed image on a published item
goes into a draft revision and through review.

A poster (海报) is a designed page shown whole on a screen of its own; a photo
(照片) is an activity's photo, shown on galleries with a caption. Either may
show recognisable people: then it carries their consent, recorded as for an
honour (who gave it, how, when), or it cannot be saved. Consent belongs to
one image: replacing the image drops it unless it is given again with the new
one (`image_changes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from qile_api.db.database import Executor
from qile_api.fields import Field
from qile_api.limits import CONSENT_GIVEN_BY, CONSENT_METHOD
from qile_api.media.sql import media_exists
from qile_api.problems import ErrorCode, Problem, problem

IMAGE_KINDS = ("POSTER", "PHOTO")
# A consent may be recorded the moment it is given, by a clock a little ahead.
_CLOCK_SKEW = timedelta(minutes=1)
_CONSENT = ("image_consent_by", "image_consent_method", "image_consent_at")

# Spliced into the field maps of notices and events.
IMAGE_FIELDS = (
    Field("image", column="image_sha256", nullable=True),
    Field("image_kind", nullable=True),
    Field("image_people"),
    Field("image_consent_by", text=CONSENT_GIVEN_BY, required=False, nullable=True),
    Field("image_consent_method", text=CONSENT_METHOD, required=False, nullable=True),
    Field("image_consent_at", nullable=True, offset=True, label="同意时间"),
)


def image_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """An update's changes with what an image change implies.

    A new image (or none) does not inherit the consent given for the old one:
    it is cleared unless given in the same update; removing the image clears
    its kind and the people flag too.
    """
    out = dict(changes)
    if "image_sha256" not in out:
        return out
    if not any(k in out for k in _CONSENT):
        out.update(dict.fromkeys(_CONSENT))
    if out["image_sha256"] is None:
        out.update(image_kind=None, image_people=False, **dict.fromkeys(_CONSENT))
    return out


async def image_exists(db: Executor, v: Mapping[str, Any]) -> list[Problem]:
    return await media_exists(db, v.get("image_sha256"), "image")


def image_problems(v: Mapping[str, Any], now: datetime) -> list[Problem]:
    """An attached image has a kind, and the consent of the people it shows, if any."""
    if v.get("image_sha256") is None:
        return []
    if v.get("image_kind") not in IMAGE_KINDS:
        return [problem(ErrorCode.REQUIRED, "请选择图片类型：海报或活动照片", "imageKind")]
    if not v.get("image_people"):
        return []
    if any(not v.get(k) for k in _CONSENT):
        message = "图片中有可辨认的人物，须登记本人同意（同意人、同意方式、同意时间）后才能保存"
        return [problem(ErrorCode.CONSENT_REQUIRED, message, "imageConsentBy")]
    at = v["image_consent_at"]
    if isinstance(at, datetime) and at.tzinfo is not None and at > now + _CLOCK_SKEW:
        return [problem(ErrorCode.INVALID, "同意时间不能晚于现在", "imageConsentAt")]
    return []
