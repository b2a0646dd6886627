# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The protocol-server base moved to ``ecom_connector/tests/servers``, with the
shop servers; kept importable from here for the cross-addon servers."""

from odoo.addons.ecom_connector.tests.servers.base import Request, Response, ShopServer

__all__ = ["Request", "Response", "ShopServer"]
