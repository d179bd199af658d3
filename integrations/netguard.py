"""Which addresses factdb may connect to on a user's behalf (no SSRF).

A URL typed into the API, a feed entry's link or a webhook subscriber could
point at the database, the metadata service of the cloud it runs on, or a
router's admin page. Every outgoing connection therefore goes through
`resolve_allowed`: the host's addresses are resolved once, each is checked,
and the connection is then made to the checked address itself, so a DNS
answer that changes between the check and the connect (DNS rebinding) cannot
slip a private address in. Plain Python, no Django.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class AddressRefused(Exception):
    """The host resolves to an address factdb will not connect to."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressRefused(f"the host {host!r} does not resolve: {exc}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, unless a network or host name is listed as an exception.

    >>> AddressPolicy().refusal(ipaddress.ip_address("10.0.0.7"))
    'private or reserved'
    >>> AddressPolicy.from_lists(networks=["127.0.0.1"]).refusal(ipaddress.ip_address("127.0.0.1")) is None
    True
    """

    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_lists(cls, *, networks: Iterable[str] = (), hosts: Iterable[str] = ()) -> AddressPolicy:
        return cls(
            allowed_networks=tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks if n.strip()),
            allowed_hosts=frozenset(h.strip().lower().rstrip(".") for h in hosts if h.strip()),
        )

    def refusal(self, address: IPAddress, host: str = "") -> str | None:
        """Why the address is refused, or None when it may be used."""
        if host.lower().rstrip(".") in self.allowed_hosts:
            return None
        if any(address in network for network in self.allowed_networks if network.version == address.version):
            return None
        # An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
        mapped = getattr(address, "ipv4_mapped", None)
        if mapped is not None:
            return self.refusal(mapped, host)
        if address.is_loopback:
            return "loopback"
        if address.is_link_local:
            return "link-local"
        if address.is_multicast:
            return "multicast"
        if address.is_unspecified:
            return "unspecified"
        if address.is_private or address.is_reserved or not address.is_global:
            return "private or reserved"
        return None


def resolve_allowed(host: str, port: int, policy: AddressPolicy, resolver: Resolver = system_resolver) -> str:
    """The address to connect to for host:port, or AddressRefused.

    Every address the name resolves to must be allowed: a name with one
    public and one private address could otherwise be steered to the private one.
    """
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host, port)]
    if not addresses:
        raise AddressRefused(f"the host {host!r} has no address")
    for address in addresses:
        why = policy.refusal(address, host)
        if why is not None:
            raise AddressRefused(f"the host {host!r} resolves to {address}, a {why} address; factdb does not connect there")
    return str(addresses[0])
