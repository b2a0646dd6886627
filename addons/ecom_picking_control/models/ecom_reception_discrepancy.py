# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.tools import float_compare


class EcomReceptionDiscrepancy(models.Model):
    _name = "ecom.reception.discrepancy"
    _description = "Reception Discrepancy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    picking_id = fields.Many2one(
        "stock.picking", string="Receipt", required=True, readonly=True, check_company=True
    )
    purchase_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True, check_company=True
    )
    partner_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    buyer_id = fields.Many2one("res.users", string="Purchase Buyer", readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("claimed", "Claim sent"), ("closed", "Closed")],
        default="open",
        tracking=True,
    )
    line_ids = fields.One2many(
        "ecom.reception.discrepancy.line", "discrepancy_id", string="Lines", readonly=True
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "ecom_reception_discrepancy_sale_order_rel",
        "discrepancy_id",
        "sale_order_id",
        string="Affected Customer Orders",
        readonly=True,
    )
    report_attachment_id = fields.Many2one("ir.attachment", string="PDF Report", readonly=True)

    def action_send_claim(self):
        """Open the mail composer with the claim to the supplier, PDF attached."""
        self.ensure_one()
        template = self.env.ref("ecom_picking_control.mail_template_reception_claim")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "mark_ecom_claim_sent": True,
                "force_email": True,
            },
        }

    def action_close(self):
        self.write({"state": "closed"})

    def message_post(self, **kwargs):
        # the claim is sent once the composer posts it
        if self.env.context.get("mark_ecom_claim_sent"):
            self.filtered(lambda d: d.state == "open").write({"state": "claimed"})
        return super().message_post(**kwargs)

    # ------------------------------------------------------------ creation

    def _ecom_compare_receipt(self, picking):
        """Discrepancy line values for a done receipt (empty when conform)."""
        vals = []
        moves = picking.move_ids
        # the lines of this receipt, and the order's lines nothing more is
        # expected for (their zero-quantity move was cancelled at validation)
        purchase_lines = moves.purchase_line_id | picking.purchase_id.order_line.filtered(
            lambda line: not line.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        )
        purchase_lines = purchase_lines.filtered(
            lambda line: line.product_id.type == "consu" and not line.display_type
        )
        for pol in purchase_lines:
            ordered = pol.product_uom_qty
            received = pol.product_uom._compute_quantity(pol.qty_received, pol.product_id.uom_id)
            rounding = pol.product_id.uom_id.rounding
            cmp = float_compare(received, ordered, precision_rounding=rounding)
            if cmp == 0:
                continue
            if float_compare(received, 0, precision_rounding=rounding) <= 0:
                kind = "missing"
            elif cmp < 0:
                kind = "short"
            else:
                kind = "over"
            vals.append(
                {
                    "product_id": pol.product_id.id,
                    "purchase_line_id": pol.id,
                    "kind": kind,
                    "ordered_qty": ordered,
                    "received_qty": received,
                    "difference": received - ordered,
                    "uom_id": pol.product_id.uom_id.id,
                }
            )
        for move in moves.filtered(lambda m: m.state == "done" and not m.purchase_line_id):
            qty = move.product_uom._compute_quantity(move.quantity, move.product_id.uom_id)
            vals.append(
                {
                    "product_id": move.product_id.id,
                    "kind": "unexpected",
                    "ordered_qty": 0.0,
                    "received_qty": qty,
                    "difference": qty,
                    "uom_id": move.product_id.uom_id.id,
                }
            )
        return vals

    def _ecom_create_for_receipt(self, picking, line_vals):
        purchase = picking.purchase_id or picking.move_ids.purchase_line_id.order_id[:1]
        buyer = purchase.user_id or self.env.user
        discrepancy = self.create(
            {
                "name": self.env._("Discrepancy %s", picking.name),
                "company_id": picking.company_id.id,
                "picking_id": picking.id,
                "purchase_id": purchase.id,
                "partner_id": (purchase.partner_id or picking.partner_id).id,
                "buyer_id": buyer.id,
                "line_ids": [Command.create(vals) for vals in line_vals],
            }
        )
        discrepancy._ecom_render_report()
        discrepancy.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=buyer.id,
            summary=self.env._("Reception discrepancy on %s", picking.name),
            note=self.env._(
                "The receipt does not match the purchase order: check the report and "
                "send the claim to the supplier."
            ),
        )
        short_products = discrepancy.line_ids.filtered(
            lambda line: line.kind in ("missing", "short")
        ).product_id
        # whoever validates the receipt may not read every customer order
        orders = discrepancy.sudo()._ecom_affected_sale_orders(picking.sudo(), short_products)
        if orders:
            discrepancy.sale_order_ids = orders
            orders.write({"ecom_supply_issue": True})
            if hasattr(orders, "_ecom_notify_supply_delay"):
                orders._ecom_notify_supply_delay()
        return discrepancy

    def _ecom_affected_sale_orders(self, picking, products):
        """Customer orders that wait for ``products`` of this receipt: fed by
        it (flux tendu, through the move chain or the procurement group) or
        back-ordered (their delivery of the product still waits for stock)."""
        orders = self.env["sale.order"]
        if not products:
            return orders
        moves = picking.move_ids.purchase_line_id.move_ids | picking.move_ids
        moves = moves.filtered(lambda m: m.product_id in products)
        dest = moves.move_dest_ids
        for _depth in range(4):
            orders |= dest.sale_line_id.order_id
            dest = dest.move_dest_ids - dest
            if not dest:
                break
        purchases = picking.move_ids.purchase_line_id.order_id
        orders |= purchases.group_id.sale_id
        waiting = self.env["stock.move"].search(
            [
                ("product_id", "in", products.ids),
                ("company_id", "=", picking.company_id.id),
                ("picking_code", "=", "outgoing"),
                ("state", "in", ("confirmed", "partially_available", "waiting")),
                ("sale_line_id", "!=", False),
            ]
        )
        orders |= waiting.sale_line_id.order_id
        return orders.filtered(lambda o: o.state == "sale")

    def _ecom_render_report(self):
        self.ensure_one()
        report = self.env.ref("ecom_picking_control.action_report_reception_discrepancy")
        content, _type = self.env["ir.actions.report"]._render_qweb_pdf(report, self.ids)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.pdf".replace("/", "-"),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.report_attachment_id = attachment
        return attachment
