# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EcomCarrierRelaySearchLine(models.TransientModel):
    _name = "ecom.carrier.relay.search.line"
    _description = "Relay Point Found"
    _order = "distance, id"

    search_id = fields.Many2one("ecom.carrier.relay.search", required=True, ondelete="cascade")
    relay_id = fields.Char(string="Relay Id", required=True)
    name = fields.Char()
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_code = fields.Char()
    relay_type = fields.Char(string="Type")
    network = fields.Char()
    distance = fields.Integer(string="Distance (m)")
    opening_hours = fields.Char()

    def action_choose(self):
        """The relay becomes the order's relay point and delivery address."""
        self.ensure_one()
        order = self.search_id.order_id
        customer = order.partner_id
        relay = self.env["res.partner"]._ecom_get_relay_partner(
            customer,
            self.search_id.carrier_id,
            {
                "id": self.relay_id,
                "name": self.name,
                "street": self.street,
                "street2": self.street2,
                "zip": self.zip,
                "city": self.city,
                "country_code": self.country_code,
                "type": self.relay_type,
                "network": self.network,
            },
        )
        order.write({"ecom_relay_partner_id": relay.id, "partner_shipping_id": relay.id})
        return {"type": "ir.actions.act_window_close"}
