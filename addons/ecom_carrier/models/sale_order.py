# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_relay_partner_id = fields.Many2one(
        "res.partner",
        string="Relay Point",
        copy=False,
        domain="[('ecom_is_relay', '=', True)]",
        help="Relay point chosen for this order; it stays chosen when the shipping "
        "method is changed or recomputed, and is the delivery address whenever the "
        "shipping method delivers to relay points of its network.",
    )
    ecom_can_search_relay = fields.Boolean(compute="_compute_ecom_can_search_relay")

    @api.depends("carrier_id")
    def _compute_ecom_can_search_relay(self):
        for order in self:
            carrier = order.carrier_id
            order.ecom_can_search_relay = bool(
                carrier and carrier._ecom_hook("search_relays") and carrier._ecom_relay_prefix()
            )

    def _compute_partner_shipping_id(self):
        # a relay point is a delivery child of the customer: never pick it as
        # the default address of a new order
        res = super()._compute_partner_shipping_id()
        for order in self:
            if order.partner_shipping_id.ecom_is_relay and (
                order.partner_shipping_id != order.ecom_relay_partner_id
            ):
                order.partner_shipping_id = order.partner_id
        return res

    def write(self, vals):
        # the carrier is rewritten by the delivery wizard and by shops'
        # updates: put the relay point back as delivery address
        res = super().write(vals)
        if ("carrier_id" in vals or "ecom_relay_partner_id" in vals) and not self.env.context.get(
            "ecom_relay_sync"
        ):
            self.with_context(ecom_relay_sync=True)._ecom_sync_relay_address()
        return res

    def action_ecom_search_relay(self):
        """Open the relay-point search of the order's shipping method."""
        self.ensure_one()
        if not self.ecom_can_search_relay:
            raise UserError(
                self.env._("The shipping method of %s does not deliver to relay points.", self.name)
            )
        address = self.partner_shipping_id
        if address.ecom_is_relay:
            address = address.parent_id or self.partner_id
        wizard = self.env["ecom.carrier.relay.search"].create(
            {
                "order_id": self.id,
                "carrier_id": self.carrier_id.id,
                "street": address.street,
                "zip": address.zip,
                "city": address.city,
                "country_id": (address.country_id or self.company_id.country_id).id,
            }
        )
        wizard.action_search()
        return wizard._ecom_reopen()

    def _ecom_sync_relay_address(self):
        """Delivery address from the relay point: the relay when the shipping
        method delivers to its network, else the customer's own address."""
        for order in self.filtered(lambda o: o.state in ("draft", "sent", "sale")):
            relay = order.ecom_relay_partner_id
            carrier = order.carrier_id
            if relay and carrier and relay._ecom_get_relay_data(carrier):
                if order.partner_shipping_id != relay:
                    order.partner_shipping_id = relay
            elif order.partner_shipping_id.ecom_is_relay:
                order.partner_shipping_id = order.partner_id
