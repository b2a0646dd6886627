# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shop servers' base: ``ecom_base``'s protocol server (127.0.0.1,
request recording, fault injection) with a REST platform's 404 body."""

from odoo.addons.ecom_base.tests.servers import ProtocolServer, Request, Response

__all__ = ["Request", "Response", "ShopServer"]


class ShopServer(ProtocolServer):
    """Base of the shop servers: subclasses implement :meth:`route`."""

    def not_found(self, request):
        return Response(404, {"code": "rest_no_route", "message": "No route"})
