"""A query in raw UTF-8, as curl sends `?district=张店区`, reaches the API through the real server."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from qile_api.http.protocol import encode_request_line
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

ADMIN = "office:office-admin-pw-2026"
LOGIN = 'mutation { login(input: {username: "office", password: "office-admin-pw-2026"}) { token } }'


@pytest.fixture
async def fresh_dsn(databases: Databases) -> str:
    return await seeded_database(databases, "qile_raw")


@pytest.fixture
def office(fresh_dsn: str) -> Iterator[tuple[ApiProcess, str]]:
    """A real API process (uvicorn, as `qile-api serve` runs it) and the city administrator's token."""
    api = ApiProcess(fresh_dsn, env={"QILE_BOOTSTRAP_ADMIN": ADMIN}).start()
    try:
        token = httpx.post(api.url + "/graphql", json={"query": LOGIN}).json()["data"]["login"]["token"]
        yield api, token
    finally:
        api.stop()


def exchange(port: int, requests: list[bytes]) -> list[bytes]:
    """Send each request on one kept-alive connection, bytes exactly as given; the raw answers."""
    answers = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock, sock.makefile("rb") as reader:
        for request in requests:
            sock.sendall(request)
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                head += reader.readline()
            length = next(
                int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
            )
            answers.append(head + reader.read(length))
    return answers


def get(target: str, token: str) -> bytes:
    return f"GET {target} HTTP/1.1\r\nHost: qile\r\nAuthorization: Bearer {token}\r\n\r\n".encode()


def test_curl_with_a_chinese_district_in_the_address_gets_the_csv(office: tuple[ApiProcess, str]) -> None:
    api, token = office

    # When the office runs the README's curl: the district's name as raw UTF-8, twice on one connection
    first, second = exchange(
        api.port,
        [
            get("/reports/assessment.csv?year=2026&district=张店区", token),
            get("/reports/assessment.csv?year=2026&district=经开区", token),
        ],
    )

    # Then both are the district's spreadsheet
    assert first.startswith(b"HTTP/1.1 200 ")
    assert "工盛社区".encode() in first and "山水缘社区".encode() not in first
    assert second.startswith(b"HTTP/1.1 200 ")
    assert "盛世康城社区".encode() in second and "工盛社区".encode() not in second


def test_an_unknown_district_sent_raw_is_a_chinese_400(office: tuple[ApiProcess, str]) -> None:
    api, token = office

    (answer,) = exchange(api.port, [get("/reports/assessment.csv?year=2026&district=东城区", token)])

    assert answer.startswith(b"HTTP/1.1 400 ")
    assert "没有名为“东城区”的区县".encode() in answer


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([b"GET /r?d=\xe5\xbc\xa0 HTTP/1.1\r\nX: \xe5\r\n\r\n"], b"GET /r?d=%E5%BC%A0 HTTP/1.1\r\nX: \xe5\r\n\r\n"),
        ([b"\r\nGET /?d=\xe5", b"\xbc HTTP/1.1\r\n"], b"\r\nGET /?d=%E5%BC HTTP/1.1\r\n"),
    ],
)
def test_only_the_request_line_is_encoded(chunks: list[bytes], expected: bytes) -> None:
    # Header values and bodies keep their bytes; a line split over reads is encoded whole
    out, ended = b"", False
    for chunk in chunks:
        if ended:
            out += chunk
            continue
        encoded, ended = encode_request_line(chunk)
        out += encoded
    assert out == expected
