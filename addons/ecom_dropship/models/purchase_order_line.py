# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    ecom_supplier_choice_reason = fields.Text(
        string="Why This Supplier",
        readonly=True,
        copy=False,
        help="How the supplier was chosen when a customer order or a reordering "
        "rule created this line.",
    )
    ecom_supplier_stock_missing = fields.Boolean(
        string="No Supplier Had the Stock",
        readonly=True,
        copy=False,
    )

    @api.model
    def _prepare_purchase_order_line_from_procurement(
        self,
        product_id,
        product_qty,
        product_uom,
        location_dest_id,
        name,
        origin,
        company_id,
        values,
        po,
    ):
        vals = super()._prepare_purchase_order_line_from_procurement(
            product_id,
            product_qty,
            product_uom,
            location_dest_id,
            name,
            origin,
            company_id,
            values,
            po,
        )
        vals.update(
            ecom_supplier_choice_reason=values.get("ecom_supplier_choice_reason")
            or self.env._("Vendor chosen by Odoo's default rule (first by sequence)."),
            ecom_supplier_stock_missing=bool(values.get("ecom_supplier_stock_missing")),
        )
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # the buyer must know at once that no supplier confirmed the stock
        for line in lines.filtered("ecom_supplier_stock_missing"):
            line.order_id._ecom_schedule_buyer_activity(
                self.env._("No supplier has the stock"),
                self.env._(
                    "No supplier feed reports %(qty)s %(product)s in stock; the cheapest "
                    "supplier was chosen anyway.",
                    qty=line.product_qty,
                    product=line.product_id.display_name,
                ),
            )
        return lines

    def _ecom_get_sale_orders(self):
        """Open customer orders waiting for these purchase lines."""
        moves = self.env["stock.move"].browse(self.move_ids._rollup_move_dests())
        orders = self.sale_order_id | self.move_dest_ids.group_id.sale_id | moves.group_id.sale_id
        return orders.filtered(lambda o: o.state not in ("cancel", "draft", "sent"))

    def _ecom_report_supplier_shortage(self, note):
        """The supplier cannot deliver these lines: flag the customer orders
        waiting for them "en réapprovisionnement" and warn the buyer.

        Run as superuser: whoever validates the receipt or runs the feed
        (a warehouse worker, the scheduler) may not write sale orders."""
        for line in self.sudo():
            orders = line._ecom_get_sale_orders()
            if not orders:
                continue
            orders._ecom_set_replenishment_pending(note)
            line.order_id._ecom_schedule_buyer_activity(
                self.env._("Supplier cannot deliver"),
                self.env._(
                    "%(note)s Customer orders waiting: %(orders)s.",
                    note=note,
                    orders=", ".join(orders.mapped("name")),
                ),
            )
