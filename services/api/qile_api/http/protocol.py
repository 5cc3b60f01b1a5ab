"""uvicorn's HTTP/1.1 protocol (httptools), taking a request line with raw UTF-8 in it.

`curl "…/reports/assessment.csv?year=2026&district=张店区"` sends the Chinese
as raw UTF-8 bytes. RFC 9112 wants a request target in ASCII, and llhttp
(httptools, the parser uvicorn runs) follows it to the letter, as h11 does:
any byte above 0x7e in the request line is an HTTP 400 sent before the app
sees the request. Browsers, nginx and most servers accept such
a line, and staff copy these addresses from the README. So the bytes above
0x7e in a request line are percent-encoded (RFC 3986, the very bytes a
browser would send) before the parser reads it; the app then decodes the query as
UTF-8 like any other. Header fields and bodies are left exactly as they came.
"""

from __future__ import annotations

import re

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

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


class Utf8TargetHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that percent-encodes raw UTF-8 in each request line (see the module's docstring).

    A request line may arrive over several reads: its bytes are encoded
    until its line end has been seen, at the connection's start and after
    each request's end. (A request line pipelined in the same read as the end
    of the previous request is left to the parser as it is.)
    """

    _line_open = True  # the next bytes belong to a request line not yet ended

    def data_received(self, data: bytes) -> None:
        if self._line_open:
            data, ended = encode_request_line(data)
            self._line_open = not ended
        super().data_received(data)

    def on_message_complete(self) -> None:
        self._line_open = True
        super().on_message_complete()
