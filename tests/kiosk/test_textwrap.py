"""Chinese line breaking: by character, kinsoku rules, Latin runs kept whole."""

from __future__ import annotations

import pytest

from qile_kiosk.textwrap_zh import NO_LINE_END, NO_LINE_START, PARAGRAPH_BREAK, ellipsize, paginate, wrap


def width_of(text: str) -> int:
    """A stand-in font: CJK characters are 2 units wide, ASCII 1."""
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


SAMPLE = (
    "近期冒充电商客服以“退款”“理赔”为由实施诈骗的案件多发。凡是要求下载陌生软件、开启屏幕共享、"
    "向“安全账户”转账的，都是诈骗！如有疑问请拨打全国反诈专线96110，或向社区民警咨询（24小时）。"
    "《淄博市城市文化社区建设实施方案》：「里仁为美」，齐乐融融；守好钱袋子？一家人都安心。"
)


# From four characters a line up: narrower, a 5-digit number plus a comma cannot obey both rules.
@pytest.mark.parametrize("width", range(8, 61, 1))
def test_kinsoku_rules_hold_at_every_width(width: int) -> None:
    lines = wrap(SAMPLE, width, width_of)
    assert "".join(lines) == SAMPLE  # nothing lost, nothing added
    for i, line in enumerate(lines):
        assert width_of(line) <= width, line
        if i > 0:
            assert line[0] not in NO_LINE_START, (width, line)
        if i < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, (width, line)


def test_latin_runs_and_numbers_are_not_split() -> None:
    lines = wrap("请拨打全国反诈专线96110咨询", 20, width_of)
    assert any("96110" in line for line in lines)


def test_break_moves_a_character_down_rather_than_start_with_a_comma() -> None:
    # 10 units fit five characters; the sixth is a comma, so 五 comes down with it.
    assert wrap("一二三四五，好", 10, width_of) == ["一二三四", "五，好"]


def test_opening_bracket_does_not_end_a_line() -> None:
    assert wrap("一二三四《书名》", 10, width_of) == ["一二三四", "《书名》"]


def test_paragraphs_are_kept_and_blank_lines_dropped() -> None:
    assert wrap("第一段\n\n第二段", 100, width_of) == ["第一段", "第二段"]


def test_running_text_sets_its_paragraphs_apart_and_pages_never_start_or_end_with_the_space() -> None:
    br = PARAGRAPH_BREAK
    assert wrap("第一段\n\n第二段\r\n第三段", 100, width_of, separate=True) == ["第一段", br, "第二段", br, "第三段"]
    # a break is half a line: three lines and a break fit four lines' room, not three; no page starts with one
    lines = ["一", "二", br, "三", "四", br, "五"]
    assert paginate(lines, 4) == [["一", "二", br, "三"], ["四", br, "五"]]
    assert paginate(lines, 3) == [["一", "二"], ["三", "四"], ["五"]]
    assert all(page[0] != br and page[-1] != br for n in range(1, 6) for page in paginate(lines, n))


def test_too_long_latin_run_is_cut_rather_than_overflowing() -> None:
    lines = wrap("https://example.org/a/very/long/path", 10, width_of)
    assert all(width_of(line) <= 10 for line in lines)


def test_paginate_and_ellipsize() -> None:
    assert paginate(["a", "b", "c"], 2) == [["a", "b"], ["c"]]
    assert paginate([], 3) == [[]]
    assert ellipsize("家门口招聘会", 8, width_of) == "家门口…"
    assert ellipsize("招聘会", 8, width_of) == "招聘会"


@pytest.mark.parametrize("text", ["通知" + "—" * 40 + "结束", "……" * 25, "注意" + "。" * 30])
def test_a_long_run_of_closing_punctuation_still_fills_lines(text: str) -> None:
    lines = wrap(text, 10, width_of)
    assert "".join(lines) == text
    assert all(width_of(line) <= 10 for line in lines)
    # not one character per line: every line but the first and last is full
    assert all(width_of(line) >= 8 for line in lines[1:-1]), lines
    assert len(lines) <= len(text) * 2 // 10 + 2


def test_a_latin_run_filling_the_line_gives_a_character_to_the_full_stop() -> None:
    lines = wrap("电话12345678，号码1234567890。", 10, len)
    assert "".join(lines) == "电话12345678，号码1234567890。"
    assert all(len(line) <= 10 for line in lines)
    assert all(line[0] not in NO_LINE_START for line in lines), lines


def test_fullwidth_brackets_follow_the_rules() -> None:
    assert set("〉］｝〗") <= NO_LINE_START
    assert set("〈［｛〖") <= NO_LINE_END
    assert wrap("一二三四〈书〉", 10, width_of) == ["一二三四", "〈书〉"]
    assert wrap("一二三四［注］", 10, width_of) == ["一二三四", "［注］"]
    assert wrap("一二三四〖书名〗", 10, width_of) == ["一二三四", "〖书名〗"]
