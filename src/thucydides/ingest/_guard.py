"""Which addresses may be fetched from: public ones, judged through any IPv4 hidden in IPv6.

An IPv6 address can carry an IPv4 address that a translator or tunnel will deliver to:
NAT64 ``64:ff9b::/96`` (RFC 6052), 6to4 ``2002::/16``, Teredo ``2001::/32``, IPv4-mapped
``::ffff:0:0/96`` and the deprecated IPv4-compatible ``::/96``. The IPv6 address itself can
look global while the IPv4 inside is 127.0.0.1 or 169.254.169.254, so such an address is
public only if the IPv4 address it embeds is.
"""

from __future__ import annotations

import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# RFC 8215's local-use NAT64 prefix: the network chooses where the IPv4 address sits in it,
# so it cannot be read back; it is never reachable from the internet anyway.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """Whether ``address`` is on the public internet (a string that is no address is not)."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64 or ip.is_site_local:
            return False
        ip = embedded_ipv4(ip) or ip
    return ip.is_global and not ip.is_multicast


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address delivers to, if it is one of the embedding kinds."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client, where the traffic ends up
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return None
