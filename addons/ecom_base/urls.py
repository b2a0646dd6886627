# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Addresses Odoo calls on a merchant's behalf (shop URLs, supplier feed
URLs): http(s) only, never the server's own network unless an administrator
allows it, so that a URL field cannot be used to probe internal services."""

import ipaddress
import socket
from urllib.parse import urlsplit

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

#: ir.config_parameter (administrators only): hosts or networks, comma
#: separated, that may be called although private (``127.0.0.1``,
#: ``10.0.0.0/8``, ``shop.intranet``)
ALLOWED_PRIVATE_PARAM = "ecom_base.allowed_private_hosts"


class UnsafeUrl(Exception):
    """The address may not be called; the message says why (lazily
    translated), without telling what answers on the server's network."""


def _allowed(env):
    value = env["ir.config_parameter"].sudo().get_param(ALLOWED_PRIVATE_PARAM) or ""
    names, networks = set(), []
    for item in filter(None, (part.strip() for part in value.split(","))):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            names.add(item.lower())
    return names, networks


def check_url(env, url):
    """Raise :class:`UnsafeUrl` unless ``url`` is http(s) to a public
    address (every address its host resolves to) or to a host an
    administrator allowed."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl(_lt("Only http:// and https:// addresses can be called."))
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeUrl(_lt("The address has no host name."))
    names, networks = _allowed(env)
    if host in names:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError):
        raise UnsafeUrl(_lt("The host %(host)s cannot be found.", host=host)) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address.is_global or any(address in network for network in networks):
            continue
        raise UnsafeUrl(
            _lt(
                "The address %(host)s is on a private or local network, which Odoo does not "
                "call unless an administrator allows it (system parameter %(param)s).",
                host=host,
                param=ALLOWED_PRIVATE_PARAM,
            )
        )


def is_cut_short(response):
    """True when a ``requests`` response's body is shorter than its
    ``Content-Length`` said: the connection closed mid-body (urllib3 1.x
    hands such a body over without an error)."""
    expected = response.headers.get("Content-Length", "")
    raw = getattr(response, "raw", None)
    if not expected.isdigit() or raw is None or not hasattr(raw, "tell"):
        return False
    return raw.tell() < int(expected)
