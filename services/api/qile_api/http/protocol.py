"""uvicorn's HTTP/1.1 protocol (h11), taking a request line with raw UTF-8 in it.

`curl "…/reports/assessment.csv?year=2026&district=张店区"` sends the Chinese
as raw UTF-8 bytes. RFC 9112 wants a request target in ASCII, and h11 follows
it to the letter: any byte above 0x7e in the request line is an HTTP 400 sent
before the app sees the request. Browsers, nginx and most servers accept such
a line, and staff copy these addresses from the README. So the bytes above
0x7e in a request line are percent-encoded (RFC 3986, the very bytes a
browser would send) before h11 reads it; the app then decodes the query as
UTF-8 like any other. Header fields and bodies are left exactly as they came.
"""

from __future__ import annotations

import re

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_HIGH = re.compile(rb"[\x80-\xff]")


def encode_request_line(data: bytes) -> tuple[bytes, bool]:
    """`data` with the bytes above 0x7e percent-encoded up to the first line end; and whether it ended.

    Blank lines before a request line are allowed (RFC 9112 §2.2): they do not end it.
    """
    start = len(data) - len(data.lstrip(b"\r\n"))
    end = data.find(b"\n", start)
    line, rest = (data, b"") if end < 0 else (data[:end], data[end:])
    encoded = _HIGH.sub(lambda m: b"%%%02X" % m.group()[0], line)
    return encoded + rest, end >= 0


class Utf8TargetH11Protocol(H11Protocol):
    """H11Protocol that percent-encodes raw UTF-8 in each request line (see the module's docstring).

    A request line may arrive over several reads: its bytes are encoded
    until its line end has been seen. `cycle` is uvicorn's current
    request-response cycle; a new one starts with each request h11 parses,
    which opens the next request line. (A request line pipelined in the same
    read as the end of the previous request is left to h11 as it is.)
    """

    _line_read_for: object = object()  # the cycle during which the current request line ended

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE and self._line_read_for is not self.cycle:
            data, ended = encode_request_line(data)
            if ended:
                self._line_read_for = self.cycle
        super().data_received(data)
