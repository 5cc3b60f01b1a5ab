"""What is not a workbook, or is one built to hurt, is refused before it is parsed, in Chinese."""

from __future__ import annotations

import io
import zipfile

import pytest
from defusedxml import EntitiesForbidden

from qile_api.sheets.reader import WorkbookRefused, check_archive, read_table
from tests.api import staff
from tests.api.conftest import Api
from tests.api.imports.sheets import imported, workbook

HEADER = ("社区", "设施类型", "设施名称")
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one member replaced (as someone crafting a file would)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item.filename))
    return out.getvalue()


def bomb(unpacked: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * unpacked)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("社区,设施类型\n工盛社区,图书阅览室\n".encode(), "不是 .xlsx 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "旧版 .xls 或加密的工作簿"),
        (b"PK\x03\x04" + b"\x00" * 100, "文件已损坏"),
        (b"", "文件是空的"),
    ],
)
async def test_what_is_no_workbook_is_refused_as_a_whole(api: Api, data: bytes, says: str) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")

    payload = await imported(api, "facilitiesImport", data, editor)

    assert payload["committed"] is False
    [problem] = payload["problems"]
    assert problem["row"] == 0 and says in problem["message"]


async def test_an_entity_bomb_is_not_expanded(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")
    data = with_member(workbook(HEADER, [("工盛社区", "图书阅览室", "书屋")]), "xl/worksheets/sheet1.xml",
                       BILLION_LAUGHS.encode())

    payload = await imported(api, "facilitiesImport", data, editor)

    assert [(p["row"], p["message"]) for p in payload["problems"]] == [(0, "无法读取该文件，请下载模板填写后上传")]
    # Refused by defusedxml before any entity was expanded
    with pytest.raises(WorkbookRefused) as refused:
        read_table(data, max_bytes=len(data), max_rows=10)
    assert isinstance(refused.value.__cause__, ValueError)
    assert isinstance(refused.value.__cause__.__context__, EntitiesForbidden)


def test_a_zip_bomb_is_refused_by_what_it_says_it_unpacks_to() -> None:
    # 4 MB of zeros pack into a few kilobytes: more than 40 times the 100 kB allowed
    data = bomb(4 * 1024 * 1024 + 1)
    assert len(data) < 100_000

    with pytest.raises(WorkbookRefused, match="解压后过大"):
        check_archive(data, max_bytes=100_000)


def test_too_large_and_too_long_files_are_refused() -> None:
    data = workbook(HEADER, [("工盛社区", "图书阅览室", f"书屋{i}") for i in range(11)])
    with pytest.raises(WorkbookRefused, match="文件过大"):
        read_table(data, max_bytes=len(data) - 1, max_rows=100)
    with pytest.raises(WorkbookRefused, match="数据超过10行"):
        read_table(data, max_bytes=len(data), max_rows=10)


async def test_a_sheet_in_another_layout_says_which_columns(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")

    data = workbook(("社区", "名称", "面积"), [("工盛社区", "x", 1)])
    payload = await imported(api, "facilitiesImport", data, editor)

    [problem] = payload["problems"]
    assert problem["row"] == 1
    assert problem["message"].startswith("缺少列：“设施类型”、“设施名称”；无法识别的列：“名称”、“面积”")


async def test_a_template_without_rows_says_so(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "车站街道")

    payload = await imported(api, "facilitiesImport", workbook(HEADER, []), editor)

    assert [p["message"] for p in payload["problems"]] == ["没有数据行：请从第3行起填写（第2行为填写说明）"]
