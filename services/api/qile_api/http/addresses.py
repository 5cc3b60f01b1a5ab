"""Who is asking: the peer's address, or the client a trusted proxy names.

Sign-in throttling and pairing's per-address limit key on this address, so
it must not be something any caller can write: forwarding headers
(X-Forwarded-For, Forwarded, X-Real-IP) count only when the peer itself is
one of the configured proxies (`QILE_TRUSTED_PROXIES`, empty by default).
`qile-api serve` gives uvicorn the same list, so its logs and this agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from starlette.datastructures import Headers
from starlette.requests import Request

from qile_api.state import AppState

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network

# One IPv6 client (a home, an office, a hall's Wi-Fi) is handed a whole /64
# and may pick any address in it for each request.
_IPV6_CLIENT_PREFIX = 64

# `for=` of one Forwarded element (RFC 7239), quoted or not.
_FORWARDED_FOR = re.compile(r'(?:^|;)\s*for=("[^"]*"|[^;,\s]*)', re.IGNORECASE)


def _parse(text: str) -> Address | None:
    """An address as proxies write it (`1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `"[::1]"`); None for anything else."""
    host = text.strip().strip('"')
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else ""
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    try:
        parsed = ip_address(host)
    except ValueError:
        return None
    # An IPv4 peer seen through an IPv6 socket is the same client.
    if isinstance(parsed, IPv6Address) and parsed.ipv4_mapped is not None:
        return parsed.ipv4_mapped
    return parsed


def _forwarded_chain(headers: Headers) -> list[str]:
    """The client addresses proxies recorded, the nearest proxy's entry last.

    X-Forwarded-For is what proxies set by default (and what uvicorn reads);
    Forwarded and X-Real-IP only when it is absent.
    """
    if values := headers.getlist("x-forwarded-for"):
        return [entry for value in values for entry in value.split(",")]
    if values := headers.getlist("forwarded"):
        chain = []
        for element in (e for value in values for e in value.split(",")):
            found = _FORWARDED_FOR.search(element.strip())
            chain.append(found.group(1) if found else "")
        return chain
    if value := headers.get("x-real-ip"):
        return [value]
    return []


def resolve_client(peer: str, headers: Headers, trusted: Sequence[Network]) -> str:
    """The client's address, walking back from the peer through trusted proxies only.

    From the nearest hop backwards, each trusted proxy vouches for the entry
    before it; the first address that is not a trusted proxy is the client.
    Anything left of it was written by the client and is ignored, so a
    client cannot choose its own address by sending the header itself.
    """
    current = _parse(peer)
    if current is None:
        return peer
    for entry in reversed(_forwarded_chain(headers) if trusted else []):
        if not any(current in network for network in trusted):
            break
        named = _parse(entry)
        if named is None:
            # An entry no proxy writes: stay with the hop that passed it on.
            break
        current = named
    return str(current)


def per_client(address: str) -> str:
    """What per-address rules count on: an IPv4 address, or the /64 an IPv6 address is in.

    Counting each IPv6 address alone would let one client step past every
    per-address limit and lock by changing the last bits of its address.
    """
    parsed = _parse(address)
    if isinstance(parsed, IPv6Address):
        return str(ip_network(f"{parsed}/{_IPV6_CLIENT_PREFIX}", strict=False))
    return address


def client_address(request: Request) -> str:
    """The one place every per-address rule (sign-in throttling, pairing limits) gets its address."""
    state: AppState = request.app.state.qile
    peer = request.client.host if request.client else "unknown"
    return per_client(resolve_client(peer, request.headers, state.settings.trusted_proxies))


def client_within(request: Request, networks: Sequence[Network], trusted: Sequence[Network]) -> bool:
    """Whether the client, as the trusted proxies name it, is inside one of `networks`.

    For what only some addresses may reach (`/metrics`). A request carrying
    forwarding headers while no proxy is trusted came through a proxy nobody
    configured (or says so falsely): its peer may be that proxy, on loopback,
    speaking for anyone, so it is refused.
    """
    if not trusted and _forwarded_chain(request.headers):
        return False
    peer = request.client.host if request.client else "unknown"
    client = _parse(resolve_client(peer, request.headers, trusted))
    return client is not None and any(client in network for network in networks)
