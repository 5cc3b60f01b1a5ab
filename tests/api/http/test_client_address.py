"""Forwarding headers name the client only when a configured proxy sent them."""

from __future__ import annotations

from ipaddress import ip_network
from typing import Any

import pytest
from starlette.datastructures import Headers

from qile_api import cli
from qile_api.http.addresses import per_client, resolve_client
from qile_api.settings import Settings
from tests.api import staff
from tests.api.accounts.test_throttle import LOGIN, fail, login, peer
from tests.api.conftest import Api

PROXY = "192.0.2.10"  # the reverse proxy in front of the API
SPOOFED = {"X-Forwarded-For": "10.9.9.9", "Forwarded": "for=10.9.9.9", "X-Real-IP": "10.9.9.9"}
START = "mutation { screenPairingStart { code errors { code } } }"


async def login_with(api: Api, address: str, headers: dict[str, str]) -> dict[str, Any]:
    async with peer(api, address) as client:
        variables = {"u": "wang", "p": staff.PASSWORD}
        response = await client.post("/graphql", json={"query": LOGIN, "variables": variables}, headers=headers)
    return response.json()["data"]["login"]  # type: ignore[no-any-return]


async def test_a_locked_address_stays_locked_whatever_it_says_it_forwards(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    async with peer(api, PROXY) as client:
        await fail(client, "wang", 2)

    # no proxies configured (the default): the headers are the caller's own words
    for name, value in SPOOFED.items():
        result = await login_with(api, PROXY, {name: value})
        assert result["token"] is None and result["errors"][0]["code"] == "THROTTLED", name


async def test_a_trusted_proxy_names_the_client(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "trusted_proxies", [ip_network("192.0.2.0/28")])
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    async with peer(api, PROXY) as client:
        for _ in range(2):
            wrong = {"u": "wang", "p": "a wrong guess"}
            await client.post("/graphql", json={"query": LOGIN, "variables": wrong}, headers=SPOOFED)

    locked_client = await login_with(api, PROXY, {"X-Forwarded-For": "10.9.9.9"})
    # the client wrote an entry of its own in front; the proxy appended what it saw
    spoofing_client = await login_with(api, PROXY, {"X-Forwarded-For": "10.9.9.10, 10.9.9.9"})
    other_client = await login_with(api, PROXY, {"X-Forwarded-For": "10.9.9.10"})
    # the same header from a peer that is not a proxy counts for nothing: that peer is locked out of nothing
    direct = await login_with(api, "198.51.100.99", {"X-Forwarded-For": "10.9.9.9"})

    assert locked_client["errors"][0]["code"] == "THROTTLED"
    assert spoofing_client["errors"][0]["code"] == "THROTTLED"
    assert other_client["token"] is not None
    assert direct["token"] is not None


async def test_pairing_limits_use_the_same_address(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "pairing_per_address_per_hour", 2)

    async def starts() -> list[list[str]]:
        codes = []
        async with peer(api, PROXY) as client:
            for i in range(3):
                headers = {"X-Forwarded-For": f"10.0.0.{i}"}
                response = await client.post("/graphql", json={"query": START}, headers=headers)
                codes.append([e["code"] for e in response.json()["data"]["screenPairingStart"]["errors"]])
        return codes

    # not a configured proxy: three starts from one address, whatever it claims
    untrusted = await starts()
    monkeypatch.setattr(api.state.settings, "trusted_proxies", [ip_network(PROXY)])
    # a configured proxy: three screens behind it, each with its own allowance
    trusted = await starts()

    assert untrusted == [[], [], ["THROTTLED"]]
    assert trusted == [[], [], []]


async def test_an_ipv6_client_cannot_step_past_a_lock_by_changing_its_address(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    async with peer(api, "2001:db8:5:7::1") as client:
        await fail(client, "wang", 2)

    async with peer(api, "2001:db8:5:7:9a3c:11ff:fe00:42") as same_network:
        next_address = await login(same_network, "wang")
    async with peer(api, "2001:db8:5:8::1") as next_network:
        elsewhere = await login(next_network, "wang")

    assert next_address["token"] is None and next_address["errors"][0]["code"] == "THROTTLED"
    assert elsewhere["token"] is not None


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:db8:5:7:9a3c:11ff:fe00:42", "2001:db8:5:7::/64"),
        ("unknown", "unknown"),
    ],
)
def test_per_address_rules_count_an_ipv6_client_by_its_network(address: str, counted_as: str) -> None:
    assert per_client(address) == counted_as


@pytest.mark.parametrize(
    ("peer_address", "headers", "client"),
    [
        ("192.0.2.10", {"X-Forwarded-For": "203.0.113.5"}, "203.0.113.5"),
        ("192.0.2.10", {"X-Forwarded-For": "1.1.1.1, 203.0.113.5, 192.0.2.11"}, "203.0.113.5"),
        ("192.0.2.10", {"X-Forwarded-For": "203.0.113.5:4711"}, "203.0.113.5"),
        ("192.0.2.10", {"Forwarded": 'for=1.1.1.1, for="[2001:db8::17]:4711";proto=https'}, "2001:db8::17"),
        ("192.0.2.10", {"X-Real-IP": "203.0.113.5"}, "203.0.113.5"),
        # X-Forwarded-For, which proxies set by default, wins over the others
        ("192.0.2.10", {"X-Forwarded-For": "203.0.113.5", "X-Real-IP": "1.1.1.1"}, "203.0.113.5"),
        # an entry no proxy writes stops the walk at the hop that passed it on
        ("192.0.2.10", {"X-Forwarded-For": "<script>, 192.0.2.11"}, "192.0.2.11"),
        ("192.0.2.10", {"Forwarded": "for=_hidden"}, "192.0.2.10"),
        ("::ffff:192.0.2.10", {"X-Forwarded-For": "203.0.113.5"}, "203.0.113.5"),
        ("192.0.2.10", {}, "192.0.2.10"),
        ("198.51.100.1", {"X-Forwarded-For": "203.0.113.5"}, "198.51.100.1"),
    ],
)
def test_the_client_is_the_first_address_that_is_not_a_trusted_proxy(
    peer_address: str, headers: dict[str, str], client: str
) -> None:
    trusted = [ip_network("192.0.2.0/28")]

    assert resolve_client(peer_address, Headers(headers), trusted) == client


def test_trusted_proxies_are_read_from_a_comma_separated_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QILE_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1")
    assert [str(n) for n in Settings(_env_file=None).trusted_proxies] == ["10.0.0.0/8", "127.0.0.1/32", "::1/128"]  # type: ignore[call-arg]
    monkeypatch.setenv("QILE_TRUSTED_PROXIES", "10.0.0.1/8")  # a typo, not a network
    with pytest.raises(ValueError, match="trusted_proxies"):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("proxies", "proxy_headers", "allowed"),
    [([], False, []), (["10.0.0.0/8", "::1"], True, ["10.0.0.0/8", "::1/128"])],
)
def test_serve_gives_uvicorn_the_same_proxies(
    monkeypatch: pytest.MonkeyPatch, proxies: list[str], proxy_headers: bool, allowed: list[str]
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs))

    cli._serve(Settings(trusted_proxies=proxies, _env_file=None))  # type: ignore[call-arg]

    # uvicorn trusts 127.0.0.1 by default: with no proxy configured, it must trust none
    assert seen["proxy_headers"] is proxy_headers
    assert seen["forwarded_allow_ips"] == allowed
