"""The one way an uploaded workbook is read: checked as a file before openpyxl sees it.

What staff upload is untrusted. Before anything is parsed: the size in bytes,
that it is a ZIP at all (a legacy .xls, a CSV or an encrypted workbook is
not, and each gets its own sentence), how many members it holds and how large
they say they unpack to (a zip bomb says so: Python's zipfile never inflates
a member past its declared size), and that it holds a workbook. Only then
openpyxl reads it, in read-only mode (rows stream; the sheet is not built in
memory), with its XML parsed by defusedxml (no entities, no DTDs), stopping
one row past the limit. Every refusal is a `WorkbookRefused` whose message
is the Chinese the uploader reads.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

# A workbook has a dozen members; thousands mean something else.
MAX_MEMBERS = 500
# How much a workbook may unpack to, as a multiple of the bytes allowed up front.
# Sheets' XML compresses about ten to twenty times.
UNPACK_RATIO = 40

_LEGACY_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE: .xls, and every encrypted .xlsx


class WorkbookRefused(ValueError):
    """A file that is not read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Table:
    """A sheet's first row, and each non-empty row after it with its row number as Excel shows it."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}MB"


def check_archive(data: bytes, *, max_bytes: int) -> None:
    """Refuse what is too large, not a ZIP, or would unpack to too much, before any XML is parsed."""
    if not openpyxl.DEFUSEDXML:
        # Fail closed: without defusedxml openpyxl would parse entities.
        raise RuntimeError("defusedxml is required to read uploaded workbooks")
    if not data:
        raise WorkbookRefused("文件是空的，请选择填好的 .xlsx 文件")
    if len(data) > max_bytes:
        raise WorkbookRefused(f"文件过大（{_mb(len(data))}），不能超过{_mb(max_bytes)}")
    if data.startswith(_LEGACY_XLS):
        raise WorkbookRefused("这是旧版 .xls 或加密的工作簿，请在 Excel 中另存为“Excel 工作簿（*.xlsx）”且不设密码")
    if not data.startswith(b"PK\x03\x04"):
        raise WorkbookRefused("不是 .xlsx 文件，请下载模板填写后上传（CSV、WPS 等格式请另存为 .xlsx）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise WorkbookRefused("文件已损坏，无法作为 .xlsx 打开") from exc
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused("文件结构异常（包含的部件过多），请用模板重新填写")
    if sum(m.file_size for m in members) > max_bytes * UNPACK_RATIO:
        raise WorkbookRefused("文件解压后过大，请删除多余的工作表、图片或格式后重试")
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise WorkbookRefused("不是 Excel 工作簿（.xlsx），请下载模板填写后上传")


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def read_table(data: bytes, *, max_bytes: int, max_rows: int, max_columns: int = 40) -> Table:
    """The first sheet's header and data rows (blank rows skipped); refused past `max_rows` data rows.

    CPU-bound: call it off the event loop.
    """
    check_archive(data, max_bytes=max_bytes)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise WorkbookRefused("无法读取该文件，请下载模板填写后上传") from exc
    except Exception as exc:  # defusedxml's refusals and XML errors come in several classes
        raise WorkbookRefused("文件内容无法解析，请下载模板填写后上传") from exc
    try:
        if not wb.worksheets:
            raise WorkbookRefused("工作簿中没有工作表")
        sheet = wb.worksheets[0]
        header: tuple[str, ...] | None = None
        rows: list[tuple[int, tuple[Any, ...]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(max_col=max_columns, values_only=True), start=1):
                if header is None:
                    header = tuple(_text(v) for v in values)
                    continue
                if all(_text(v) == "" for v in values):
                    continue
                if len(rows) >= max_rows:
                    raise WorkbookRefused(f"数据超过{max_rows}行，请分成几个文件分别导入")
                rows.append((number, tuple(values)))
        except WorkbookRefused:
            raise
        except Exception as exc:
            raise WorkbookRefused("文件内容无法解析，请下载模板填写后上传") from exc
        if header is None or not any(header):
            raise WorkbookRefused("第一个工作表是空的：第1行应为表头（请使用模板）")
        return Table(header, tuple(rows))
    finally:
        wb.close()
