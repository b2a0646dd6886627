# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    ecom_auto_created = fields.Boolean(
        string="Created by Replenishment",
        readonly=True,
        copy=False,
        help="Created by a customer order or a reordering rule.",
    )
    ecom_cutoff_datetime = fields.Datetime(
        string="Cut-off",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Automatic lines are added to this request for quotation until this time.",
    )
    ecom_is_dropship = fields.Boolean(
        string="Is a Dropship Order",
        compute="_compute_ecom_is_dropship",
    )

    @api.depends("picking_type_id.code")
    def _compute_ecom_is_dropship(self):
        for order in self:
            order.ecom_is_dropship = order.picking_type_id.code == "dropship"

    def button_cancel(self):
        # a cancelled supplier order leaves its customer orders without goods
        open_lines = self.filtered(lambda o: o.state != "cancel").order_line
        res = super().button_cancel()
        for line in open_lines.filtered(lambda pol: pol.order_id.state == "cancel"):
            line._ecom_report_supplier_shortage(
                self.env._(
                    "Purchase %(order)s for %(product)s was cancelled.",
                    order=line.order_id.name,
                    product=line.product_id.display_name,
                )
            )
        return res

    @api.model
    def _cron_ecom_confirm_after_cutoff(self):
        """Confirm the automatic requests for quotation whose cut-off has
        passed, for the suppliers set to be confirmed at the cut-off."""
        orders = self.search(
            [
                ("state", "=", "draft"),
                ("ecom_auto_created", "=", True),
                ("ecom_cutoff_datetime", "<=", fields.Datetime.now()),
            ]
        )
        for order in orders:
            partner = order.partner_id.with_company(order.company_id)
            if partner.ecom_po_auto_confirm == "cutoff":
                order.with_company(order.company_id).button_confirm()

    def _ecom_schedule_buyer_activity(self, summary, note):
        """Warning activity for the buyer, once per order and summary."""
        activity_type = self.env.ref("mail.mail_activity_data_warning")
        for order in self:
            existing = order.activity_ids.filtered(
                lambda a, s=summary: a.activity_type_id == activity_type and a.summary == s
            )
            if existing:
                existing[0].note = Markup("%s<br/>%s") % (existing[0].note or "", note)
                continue
            order.sudo().activity_schedule(
                act_type_xmlid="mail.mail_activity_data_warning",
                summary=summary,
                note=note,
                user_id=(order.user_id or order.partner_id.buyer_id or self.env.user).id,
            )

    def _ecom_get_dropship_slip_lines(self):
        """Lines shown on the neutral delivery slip: goods only, no price."""
        self.ensure_one()
        return self.order_line.filtered(lambda line: not line.display_type and line.product_qty)

    def _ecom_get_dropship_reference(self):
        """Order reference printed on the neutral slip: the customer's own
        reference, else our sale order number."""
        self.ensure_one()
        sale_orders = self._get_sale_orders()
        return (
            ", ".join(order.client_order_ref or order.name for order in sale_orders)
            or self.origin
            or self.name
        )
