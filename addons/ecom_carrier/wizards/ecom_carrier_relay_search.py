# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomCarrierRelaySearch(models.TransientModel):
    """Search the shipping method's relay points near an address and choose
    one for a sale order (manual orders; shop orders bring their relay)."""

    _name = "ecom.carrier.relay.search"
    _description = "Relay Point Search"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    carrier_id = fields.Many2one("delivery.carrier", required=True, ondelete="cascade")
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    line_ids = fields.One2many("ecom.carrier.relay.search.line", "search_id", string="Relay Points")

    def action_search(self):
        self.ensure_one()
        relays = self.carrier_id._ecom_search_relays(
            {
                "street": self.street,
                "zip": self.zip,
                "city": self.city,
                "country_code": self.country_id.code or "FR",
            },
            self.order_id._get_estimated_weight() or 1.0,
        )
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "relay_id": relay["id"],
                    "name": relay.get("name"),
                    "street": relay.get("street"),
                    "street2": relay.get("street2"),
                    "zip": relay.get("zip"),
                    "city": relay.get("city"),
                    "country_code": relay.get("country_code"),
                    "relay_type": relay.get("type"),
                    "network": relay.get("network"),
                    "distance": int(relay.get("distance") or 0),
                    "opening_hours": relay.get("opening_hours"),
                }
            )
            for relay in relays
        ]
        return self._ecom_reopen()

    def _ecom_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Relay points"),
        }
