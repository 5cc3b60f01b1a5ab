"""Chinese line breaking: by character, with the usual kinsoku (禁则) rules.

Chinese has no spaces between words, so a line may break between any two
characters, except that closing punctuation may not start a line and opening
punctuation may not end one. Runs of Latin letters and digits (96110, 8:00,
APP) stay whole, since splitting a phone number across lines misleads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# No line may begin with these (closing and pausing punctuation).
NO_LINE_START = frozenset("，。、；：？！）」》』】〕〉］｝〗”’…—·,.;:?!)]}%")
# No line may end with these (opening brackets and quotes).
NO_LINE_END = frozenset("（「《『【〔〈［｛〖“‘([{")

# A token is a run of ASCII letters/digits (kept whole) or any single character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9:./\-@_]*|.", re.DOTALL)

Measure = Callable[[str], int]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _fits(line: list[str], token: str, width: int, measure: Measure) -> bool:
    return measure("".join(line) + token) <= width


def _split_oversized(token: str, width: int, measure: Measure) -> list[str]:
    """A Latin run wider than the line is cut by character: better than overflowing."""
    parts: list[str] = []
    current = ""
    for ch in token:
        if current and measure(current + ch) > width:
            parts.append(current)
            current = ch
        else:
            current += ch
    if current:
        parts.append(current)
    return parts


def _carry_down(line: list[str]) -> list[str]:
    """Tokens to take off the end of `line` so the next line may start with them.

    Called when the next line would start with a character that may not start
    one. Tokens go down until the new line starts with one that may (keeping at
    least one behind, so wrapping always advances).
    """
    carried: list[str] = []
    while len(line) > 1:
        carried.insert(0, line.pop())
        if carried[0] not in NO_LINE_START:
            return carried
    # No allowed break: a long run of dashes or ellipses. Carrying it all down
    # would leave one character per line, so the line stays full and breaks here.
    line.extend(carried)
    # A Latin run that fills the line (a phone number before 。) gives up its
    # last character(s) rather than let the punctuation start the next line.
    last = line[-1]
    for cut in range(len(last) - 1, 0, -1):
        if last[cut] not in NO_LINE_START:
            line[-1] = last[:cut]
            return [last[cut:]]
    return []


def _wrap_paragraph(paragraph: str, width: int, measure: Measure) -> list[str]:
    lines: list[list[str]] = []
    line: list[str] = []
    for token in tokens(paragraph):
        pieces = [token] if measure(token) <= width else _split_oversized(token, width, measure)
        for piece in pieces:
            if not line or _fits(line, piece, width, measure):
                line.append(piece)
                continue
            carried = _carry_down(line) if piece in NO_LINE_START else []
            # A line may not end with an opening bracket: move it down too.
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carried.insert(0, line.pop())
            if carried and measure("".join([*carried, piece])) > width:
                # Only when a long Latin run was carried: width wins over kinsoku.
                line.extend(carried)
                carried = []
            lines.append(line)
            line = [*carried, piece]
    if line:
        lines.append(line)
    _no_orphan(lines, width, measure)
    return ["".join(x) for x in lines]


def _no_orphan(lines: list[list[str]], width: int, measure: Measure) -> None:
    """A last line of one character (and its punctuation) takes one more from the line above.

    "…防治讲 / 座" reads as a mistake from across a hall; "…防治 / 讲座" does not.
    """
    if len(lines) < 2:
        return
    last, above = lines[-1], lines[-2]
    if sum(1 for t in last if t not in NO_LINE_START) != 1 or len(above) < 3:
        return
    moved = [above[-1]]
    # The line above may then not end with an opening bracket, nor the last start with a closing mark.
    while len(above) - len(moved) > 2 and (moved[0] in NO_LINE_START or above[-len(moved) - 1] in NO_LINE_END):
        moved.insert(0, above[-len(moved) - 1])
    if moved[0] in NO_LINE_START or measure("".join([*moved, *last])) > width:
        return
    del above[-len(moved) :]
    lines[-1] = [*moved, *last]


# Between two paragraphs of running text (wrap(..., separate=True)): half a line of space.
PARAGRAPH_BREAK = ""


def wrap(text: str, width: int, measure: Measure, separate: bool = False) -> list[str]:
    """Break text into lines no wider than width (as measured), keeping paragraphs.

    `separate`: a PARAGRAPH_BREAK between paragraphs, so a notice's paragraphs are
    set apart as they were written, not run together into one block."""
    out: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if separate and out:
            out.append(PARAGRAPH_BREAK)
        out.extend(_wrap_paragraph(paragraph, width, measure))
    return out


def balance(text: str, width: int, measure: Measure) -> list[str]:
    """Wrapped in as few lines as at `width`, but as even as they can be: for titles and names.

    A 30-character title on a 13-character line is 13 + 13 + 4 when wrapped
    greedily; balanced it is 10 + 10 + 10, which reads as designed.
    """
    lines = wrap(text, width, measure)
    if len(lines) < 2:
        return lines
    lo, hi = 1, width  # the narrowest width that still needs no more lines
    while lo < hi:
        mid = (lo + hi) // 2
        if len(wrap(text, mid, measure)) <= len(lines):
            hi = mid
        else:
            lo = mid + 1
    return wrap(text, hi, measure)


# Opening brackets and quotes: at a line's start their blank left half is taken in (行首压缩).
COMPRESS_AT_START = frozenset("（「《『【〔〈［｛〖“‘")


def paginate(lines: list[str], per_page: int) -> list[list[str]]:
    """Split lines into pages no taller than per_page lines (at least one page).

    A PARAGRAPH_BREAK is half a line tall, and is dropped where a page would start
    or end with it: a page's text starts at its top and the space goes between paragraphs."""
    room = 2 * max(1, per_page)  # in half lines
    pages: list[list[str]] = []
    page: list[str] = []
    used = 0
    for line in lines:
        if line == PARAGRAPH_BREAK:
            if not page:
                continue
            if used + 1 + 2 > room:  # no line would follow it on this page
                pages.append(page)
                page, used = [], 0
                continue
            page.append(line)
            used += 1
            continue
        if page and used + 2 > room:
            pages.append(page)
            page, used = [], 0
        page.append(line)
        used += 2
    if page:
        pages.append(page)
    return pages or [[]]


def ellipsize(text: str, width: int, measure: Measure) -> str:
    """One line, cut with … when too wide (for table cells and names)."""
    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text + "…"
