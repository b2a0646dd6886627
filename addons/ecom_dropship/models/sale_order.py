# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_replenishment_pending = fields.Boolean(
        string="Being Replenished",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="A supplier cannot deliver goods this order waits for: the "
        "customer may be told that the order is being replenished.",
    )
    ecom_replenishment_note = fields.Text(
        string="Replenishment Note",
        readonly=True,
        copy=False,
    )

    def _ecom_set_replenishment_pending(self, note):
        """Flag the orders "en réapprovisionnement" with why (contract read by
        ecom_connector when installed to message the customer)."""
        for order in self:
            order.write(
                {
                    "ecom_replenishment_pending": True,
                    "ecom_replenishment_note": "\n".join(
                        filter(None, [order.ecom_replenishment_note, note])
                    ),
                }
            )
            order.message_post(body=note)

    def action_ecom_clear_replenishment(self):
        """Button: the supplier problem is solved."""
        self.write({"ecom_replenishment_pending": False, "ecom_replenishment_note": False})
        return True
