"""The CJK font: found through fontconfig, the SC face, and no character drawn as a box."""

from __future__ import annotations

import pygame
import pygame.freetype
import pytest

from qile_api.seed import demo
from qile_kiosk.fonts import Fonts, FontSpec, covers, find_font, sc_face_index
from qile_kiosk.glyphs import PLACEHOLDER
from qile_kiosk.render import WEEKDAYS
from qile_kiosk.typeset import Typesetter

# Everything the kiosk itself writes on screen.
KIOSK_STRINGS = (
    "里仁为美·齐乐融融 离线 · 最后更新 紧急通知 近期活动安排 日期 时间 活动 地点 第 页 年度 [大型活动] ★ "
    "正在连接服务器… 屏幕未获授权，请联系社区工作人员 屏幕授权已失效 暂时无法连接服务器，正在重试 "
    "本屏幕尚未配置 暂无内容 "
    "请在管理后台输入配对码 年月日 星期周 0123456789:–起 齐有爱 文明社区 齐养德 德育社区 齐育美 和美社区 "
    "齐健康 康养社区 齐劳动 活力社区 防诈骗 政策宣传 " + WEEKDAYS
)


def demo_text() -> str:
    parts: list[str] = [KIOSK_STRINGS, *demo.DEMO_THEMES]
    for row in (*demo.NOTICES, *demo.HONOURS, *demo.EVENTS, *demo.SCREENS, *demo.FESTIVAL_EVENTS.values()):
        parts.extend(str(x) for x in row if isinstance(x, str))
    parts.append("春秋夏冬季班")  # the seasonal notices' words (demo.seasonal)
    return "".join(parts)


def test_fontconfig_finds_the_simplified_chinese_face() -> None:
    spec = find_font()
    face = pygame.freetype.Font(str(spec.path), 20, font_index=spec.index)
    # A font without Chinese fails here, whatever its name ...
    assert covers(spec, "里仁为美齐乐融融紧急通知"), face.name
    # ... and a CJK collection must give its Simplified Chinese face.
    assert "CJK" not in face.name or "SC" in face.name, face.name


def test_every_character_of_the_content_has_a_glyph(typesetter: Typesetter) -> None:
    for face in (typesetter.face(False), typesetter.face(True)):
        text = "".join(sorted(set(demo_text()) - {" ", "\n"}))
        metrics = face.get_metrics(text, size=24)
        missing = [ch for ch, m in zip(text, metrics, strict=True) if m is None]
        assert not missing, f"{face.name} has no glyph for {''.join(missing)}"


def test_a_configured_collection_picks_its_sc_face() -> None:
    spec = find_font()
    if spec.path.suffix.lower() == ".ttc":
        index = sc_face_index(spec.path)
        assert covers(FontSpec(spec.path, index), "齐乐融融")
        assert Fonts.discover(spec.path).regular == FontSpec(spec.path, index)
    else:
        assert Fonts.discover(spec.path).regular.path == spec.path


# Each is a box (.notdef) in the CJK font if drawn as is, and meant to show nothing (or a space).
UNDRAWABLE = ["\t", "\u200b", "\ufe0f", "\x07", "\x1b", "\ufeff", "\U0001f3fb"]


@pytest.mark.parametrize("junk", UNDRAWABLE)
def test_characters_without_a_glyph_draw_no_box(typesetter: Typesetter, junk: str) -> None:
    for bold in (False, True):
        # measured like the text without them (a tab as a space) ...
        clean = "齐乐 融融" if junk == "\t" else "齐乐融融"
        assert typesetter.measure(f"齐乐{junk}融融", 40, bold) == typesetter.measure(clean, 40, bold)
        # ... drawn pixel for pixel the same ...
        with_junk, without = pygame.Surface((400, 80)), pygame.Surface((400, 80))
        typesetter.draw(with_junk, f"齐乐{junk}融融", (10, 60), 40, (255, 255, 255), bold)
        typesetter.draw(without, clean, (10, 60), 40, (255, 255, 255), bold)
        assert pygame.image.tobytes(with_junk, "RGB") == pygame.image.tobytes(without, "RGB")
        # ... and on its own, nothing at all
        alone = pygame.Surface((200, 80))
        typesetter.draw(alone, junk, (10, 60), 40, (255, 255, 255), bold)
        assert set(pygame.image.tobytes(alone, "RGB")) == {0}


def test_wrapped_and_fitted_text_is_clean_too(typesetter: Typesetter) -> None:
    lines = typesetter.wrap("通知😀：\u200b明天\t停水\ufe0f。\n请互相转告", 2000, 40)
    assert lines == ["通知😀：明天 停水。", "请互相转告"]


def ink_columns(surface: pygame.Surface) -> int:
    """How many pixel columns hold ink (anything not black)."""
    w, h = surface.get_size()
    return sum(1 for x in range(w) if any(surface.get_at((x, y))[:3] != (0, 0, 0) for y in range(0, h, 2)))


# Extension B (a name's first character), Extension F, an emoji and a symbol: drawn by a fallback face.
RARE = ["𪚥", "\U0002ceb0", "😀", "👍"]


@pytest.mark.parametrize("rare", RARE)
def test_a_character_the_primary_font_lacks_is_drawn_by_a_fallback(typesetter: Typesetter, rare: str) -> None:
    # given a name that starts with a character Noto Sans CJK has no glyph for
    assert typesetter.face(False).get_metrics(rare)[0] is None
    for bold in (False, True):
        # when it is drawn
        surface = pygame.Surface((400, 80))
        typesetter.draw(surface, f"{rare}建华", (10, 60), 40, (255, 255, 255), bold)
        alone = pygame.Surface((200, 80))
        typesetter.draw(alone, rare, (10, 60), 40, (255, 255, 255), bold)

        # then it is there, as ink of its own, and the name is as wide as three characters
        assert ink_columns(alone) > 15
        assert typesetter.clean(f"{rare}建华", bold) == f"{rare}建华"
        assert typesetter.measure(f"{rare}建华", 40, bold) > typesetter.measure("建华", 40, bold) + 30


def test_a_character_no_font_has_is_a_visible_placeholder(typesetter: Typesetter) -> None:
    # given a character of CJK Extension G, which no installed face covers
    missing = "\U00030000"
    assert not typesetter.covers(missing)
    # when it is drawn, then the placeholder (〓) stands in its place: never silence
    assert typesetter.clean(f"{missing}建华") == f"{PLACEHOLDER}建华"
    alone = pygame.Surface((200, 80))
    typesetter.draw(alone, missing, (10, 60), 40, (255, 255, 255))
    assert ink_columns(alone) > 15
