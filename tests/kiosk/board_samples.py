"""The sample texts and items the board cases are built from (tests/kiosk/board_cases.py).

Shared by the kiosk and the console preview through board_cases.json: each sample is
drawn by both and compared.
"""

from __future__ import annotations

from typing import Any

PARAGRAPHS = (
    "近期冒充电商客服以“退款”“理赔”为由实施诈骗的案件多发。凡是要求下载陌生软件、开启屏幕共享、"
    "向“安全账户”转账的，都是诈骗！如有疑问请拨打全国反诈专线96110，或向社区民警咨询（24小时）。"
    "《淄博市城市文化社区建设实施方案》：「里仁为美」，齐乐融融；守好钱袋子？一家人都安心。"
)

WRAP_TEXTS = [
    PARAGRAPHS,
    "一二三四五，好",
    "一二三四《书名》",
    "第一段\n\n第二段\r\n第三段",
    "https://example.org/a/very/long/path",
    "通知" + "—" * 12 + "结束",
    "……" * 8,
    "电话12345678，号码1234567890。",
    "请扫码下载APP：www.zibo.gov.cn 查询（9:00-17:00）",
]
WRAP_WIDTHS = [8, 10, 13, 20, 31]
ELLIPSIZE = [("家门口招聘会", 8), ("招聘会", 8), ("好邻居王秀兰同志", 9), ("abc", 0), ("齐", 1)]

LONG_BODY = (
    "为深入贯彻落实市委关于建设城市文化社区的部署要求，社区将于本月开展“党的声音进万家”系列理论宣讲活动。\n"
    "宣讲团由市委宣传部组织，成员包括党校教师、道德模范和优秀志愿者，围绕社会主义核心价值观、美德健康新生活、"
    "移风易俗等主题，以群众喜闻乐见的方式开展宣讲。（活动免费，欢迎携家人参加）\n"
) * 3

# The samples, in the console's own field names (what BoardPreview takes).
ITEMS: dict[str, dict[str, Any]] = {
    "notice-short": {
        "kind": "notice",
        "fields": {
            "title": "3号楼周四上午停水",
            "body": "周四8:00至12:00停水检修，请提前储水。",
            "categoryLabel": "便民服务",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-long-title": {
        "kind": "notice",
        "fields": {
            "title": "关于做好二〇二六年度城乡居民医疗保险集中参保缴费的通知",
            "body": LONG_BODY,
            "categoryLabel": "政策宣传",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-urgent": {
        "kind": "notice",
        "fields": {
            "title": "暴雨橙色预警：今晚请勿外出，远离河道和地下通道",
            "body": "气象台发布暴雨橙色预警。请居民关好门窗，低洼处车辆及时转移。\n"
            "如遇险情请拨打119或社区值班电话0533-1234567。",
            "categoryLabel": "通知公告",
            "urgent": True,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-latin": {
        "kind": "notice",
        "fields": {
            "title": "反诈专线96110，APP请认准官方渠道",
            "body": "登录https://www.zibo.gov.cn/fanzha/2026/notice.html查看全文。😀",
            "categoryLabel": "防诈骗",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "honour-monogram": {
        "kind": "honour",
        "fields": {
            "title": "好邻居",
            "subjectName": "王秀兰",
            "citation": "十年如一日照顾独居的邻居李大爷，每天送饭、陪聊，带他看病复查，邻里们都说：“远亲不如近邻。”",
            "year": 2025,
            "photo": None,
        },
    },
    "honour-photo-long": {
        "kind": "honour",
        "fields": {
            "title": "最美志愿服务家庭",
            "subjectName": "张店区车站街道工盛社区李建国同志一家",
            "citation": (
                "二十年来坚持为社区孤寡老人义务理发、修理家电，组织志愿服务队开展助老、助残、助学活动三百余次，"
                "带动身边两百多名居民加入志愿者队伍。"
            )
            * 3,
            "year": 2025,
            "photo": {"url": "photo.jpg", "width": 300, "height": 400},
        },
    },
    "event-short": {
        "kind": "event",
        "fields": {
            "title": "亲子阅读分享会",
            "venue": "社区图书阅览室",
            "startsAt": "2026-05-16T09:00:00+08:00",
            "endsAt": "2026-05-16T11:00:00+08:00",
            "largeScale": False,
        },
    },
    "event-long": {
        "kind": "event",
        "fields": {
            "title": "“我们的节日·端午”包粽子、做香囊、诵经典亲子民俗文化体验活动",
            "venue": "党群服务中心二楼多功能厅（东侧电梯上楼右转）",
            "startsAt": "2026-05-30T14:30:00+08:00",
            "endsAt": "2026-05-31T16:30:00+08:00",
            "largeScale": True,
        },
    },
}

# Events with their resident pages, as the API gives them: the schedule with a code per row,
# and (portrait) under a short notice. Addresses of the length the tiles are sized for.
QR_EVENTS: list[dict[str, Any]] = [
    {
        "title": "“我们的节日·端午”包粽子、做香囊亲子民俗体验",
        "venue": "党群服务中心二楼多功能厅",
        "startsAt": "2026-05-30T14:30:00+08:00",
        "endsAt": "2026-05-30T16:30:00+08:00",
        "largeScale": True,
        "publicUrl": "https://qile.example.cn/e/123456?s=12345",
    },
    {
        "title": "太极拳晨练",
        "venue": "社区文化广场",
        "startsAt": "2026-05-15T07:00:00+08:00",
        "endsAt": "2026-05-15T08:00:00+08:00",
        "largeScale": False,
        "publicUrl": "http://127.0.0.1:8000/e/7?s=3",
    },
    # No address (an older API's): skipped under a notice; its row keeps the code's place light.
    {
        "title": "书法兴趣班",
        "venue": "老年活动室",
        "startsAt": "2026-05-16T09:00:00+08:00",
        "endsAt": "2026-05-16T11:00:00+08:00",
        "largeScale": False,
        "publicUrl": None,
    },
    {
        "title": "家门口招聘会",
        "venue": "社区服务大厅",
        "startsAt": "2026-05-18T09:00:00+08:00",
        "endsAt": "2026-05-18T12:00:00+08:00",
        "largeScale": False,
        "publicUrl": "https://qile.example.cn/e/123457?s=12345",
    },
]
ITEMS["event-qr"] = {"kind": "event", "fields": QR_EVENTS[0]}
# Items with an image (a poster or an activity photo, as ContentImageFields gives it): a poster takes
# the whole screen, fitted whole, its title along the bottom edge; an activity photo goes to galleries.
PORTRAIT_POSTER = {"url": "poster-portrait.jpg", "width": 600, "height": 850, "kind": "POSTER"}
ITEMS["notice-poster-portrait"] = {
    "kind": "notice",
    "fields": {**ITEMS["notice-short"]["fields"], "title": "邻里节海报：欢迎全家参加", "image": PORTRAIT_POSTER},
}
ITEMS["notice-poster-long-title"] = {
    "kind": "notice",
    "fields": {
        **ITEMS["notice-long-title"]["fields"],
        "title": "“我们的节日·端午”邻里文化节暨二〇二六年度社区志愿服务表彰大会、百家宴、游园和才艺表演活动通知",
        "image": {"url": "poster-square.jpg", "width": 1200, "height": 1200, "kind": "POSTER"},
    },
}
ITEMS["event-poster-landscape"] = {
    "kind": "event",
    "fields": {
        **ITEMS["event-short"]["fields"],
        "image": {"url": "poster-landscape.jpg", "width": 1600, "height": 900, "kind": "POSTER"},
    },
}
ITEMS["event-photo"] = {
    "kind": "event",
    "fields": {
        **ITEMS["event-long"]["fields"],
        "image": {"url": "photo-landscape.jpg", "width": 1600, "height": 1067, "kind": "PHOTO"},
    },
}
ITEMS["notice-photo-portrait"] = {
    "kind": "notice",
    "fields": {
        **ITEMS["notice-short"]["fields"],
        "title": "重阳节敬老宴圆满举办",
        "image": {"url": "photo-portrait.jpg", "width": 1000, "height": 1500, "kind": "PHOTO"},
    },
}
# A short notice and the coming events a bulletin screen has: portrait shows them under the card.
ITEMS["notice-events-below"] = {
    "kind": "notice",
    "fields": ITEMS["notice-short"]["fields"],
    "events": QR_EVENTS,
}

SCREEN = {
    "name": "样屏",
    "community": "工盛社区",
    "themeLabel": "齐有爱·文明社区",
    "themeName": "齐有爱",
    "subdistrict": "车站街道",
    "district": "张店区",
}

# Characters the preview must leave out exactly where the kiosk's font has no glyph.
GLYPH_PROBES = "齐乐😀👍🎉❤★☆✓©®™①№→←♥☎✈⚠♻🆗🈶🌸🚗🆬🆭🉑🉒🇨🇳⌚☔𝐀\u200b\ufe0f\t\u00a0\u2028\u00ad𠀀𪚥"
