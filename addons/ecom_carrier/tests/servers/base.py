# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The REST carriers' servers' base: ``ecom_base``'s protocol server
(127.0.0.1, request recording, fault injection)."""

from odoo.addons.ecom_base.tests.servers import ProtocolServer, Request, Response

__all__ = ["CarrierServer", "Request", "Response"]


class CarrierServer(ProtocolServer):
    """Base of the REST carrier servers: subclasses implement :meth:`route`
    and may override :meth:`fault_response` with the carrier's error body."""
