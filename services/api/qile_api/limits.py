"""How long each text staff type may be: the one place the API keeps it.

The checks (the field maps of `qile_api.fields`) and the schema's descriptions
(`TextLimit.describe`) both read these, so what the schema promises is what
a mutation enforces. Lengths count characters (a Chinese character is one).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    label: str  # the Chinese name in error messages: 标题不能超过30个字
    max: int

    def describe(self, what: str) -> str:
        """`what`, then the limit, for a schema description."""
        return f"{what} At most {self.max} characters ({self.label}不超过{self.max}个字)."


# A notice title must fit one line of a screen's header band at reading size.
NOTICE_TITLE = TextLimit("标题", 30)
NOTICE_BODY = TextLimit("正文", 2000)
# An honour's title sits in a badge on the gallery screen.
HONOUR_TITLE = TextLimit("荣誉称号", 12)
HONOUR_SUBJECT = TextLimit("姓名或名称", 20)
HONOUR_CITATION = TextLimit("事迹", 300)
HONOUR_CONTACT = TextLimit("联系方式", 40)
CONSENT_GIVEN_BY = TextLimit("同意人", 40)
CONSENT_METHOD = TextLimit("同意方式", 40)
EVENT_TITLE = TextLimit("活动名称", 30)
EVENT_DESCRIPTION = TextLimit("活动介绍", 1000)
EVENT_VENUE = TextLimit("地点", 40)
EVENT_ORGANISER = TextLimit("主办单位", 40)
REJECT_REASON = TextLimit("退回理由", 200)
FACILITY_NAME = TextLimit("设施名称", 40)
TEAM_NAME = TextLimit("团队名称", 40)
BRAND_NAME = TextLimit("品牌名称", 60)
RECOGNISED_BY = TextLimit("推广单位或媒体", 60)
RECOGNITION_NOTE = TextLimit("备注", 300)
ATTESTATION_NOTE = TextLimit("说明", 500)
SCREEN_NAME = TextLimit("屏幕名称", 40)
SCREEN_LOCATION = TextLimit("位置", 60)
DISPLAY_NAME = TextLimit("姓名", 40)
# A region's name: 张店区, 车站街道, 工盛社区 (the database allows 64; real names are short).
REGION_NAME = TextLimit("名称", 30)
# A resident's name on an event's sign-up form (the resident page).
SIGN_UP_NAME = TextLimit("姓名", 20)
