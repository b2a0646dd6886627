# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

COUNTERS = ("today", "shippable", "waiting_stock", "waiting_payment", "error", "late")


class EcomCockpit(models.TransientModel):
    """The 8 a.m. dashboard of every shop together: each number opens the
    orders it counts."""

    _name = "ecom.cockpit"
    _description = "E-commerce Order Cockpit"

    today_count = fields.Integer(string="Today's Orders", compute="_compute_counts")
    today_by_channel = fields.Text(string="Today per Channel", compute="_compute_counts")
    shippable_count = fields.Integer(string="Shippable Now", compute="_compute_counts")
    waiting_stock_count = fields.Integer(string="Waiting for Stock", compute="_compute_counts")
    waiting_payment_count = fields.Integer(string="Waiting for Payment", compute="_compute_counts")
    error_count = fields.Integer(
        string="Sync Errors",
        compute="_compute_counts",
        help="Shop orders whose status or shipment the shop refused.",
    )
    inbox_error_count = fields.Integer(
        string="Orders Not Imported",
        compute="_compute_inbox_error_count",
        help="Orders a shop sent that did not become a sale order (an unknown product, "
        "a missing mapping...): they wait in the inbox, in error.",
    )
    late_count = fields.Integer(string="Late Shipments", compute="_compute_counts")
    pick_line_count = fields.Integer(string="Lines to Pick", compute="_compute_counts")
    pick_unit_count = fields.Float(string="Units to Pick", compute="_compute_counts")
    poll_failed_count = fields.Integer(
        string="Shops Failing to Import",
        compute="_compute_poll_failed_count",
        help="Shops whose last order import failed (failed imports in a row).",
    )

    def _compute_display_name(self):
        for cockpit in self:
            cockpit.display_name = self.env._("Order Cockpit")

    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_counts(self):
        Order = self.env["sale.order"]
        counts = {name: Order.search_count(Order._ecom_cockpit_domain(name)) for name in COUNTERS}
        channels = Order._read_group(
            Order._ecom_cockpit_domain("today"), ["ecom_channel"], ["__count"]
        )
        moves = self.env["stock.move"].search(self._pick_moves_domain())
        for cockpit in self:
            for name in COUNTERS:
                cockpit[f"{name}_count"] = counts[name]
            cockpit.today_by_channel = (
                "\n".join(
                    self.env._("%(channel)s: %(count)s", channel=channel or "-", count=count)
                    for channel, count in channels
                )
                or False
            )
            cockpit.pick_line_count = len(moves)
            cockpit.pick_unit_count = sum(moves.mapped("product_qty"))

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_poll_failed_count(self):
        count = self.env["ecom.backend"].search_count(self._poll_failed_domain())
        for cockpit in self:
            cockpit.poll_failed_count = count

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_inbox_error_count(self):
        # the inbox's company rule limits the count to the user's shops
        count = self.env["ecom.inbox"].search_count(self._inbox_error_domain())
        for cockpit in self:
            cockpit.inbox_error_count = count

    @api.model
    def _inbox_error_domain(self):
        return [("state", "=", "error")]

    @api.model
    def _poll_failed_domain(self):
        return [("poll_failure_count", ">", 0)]

    @api.model
    def _pick_moves_domain(self):
        return [
            ("picking_id.state", "=", "assigned"),
            ("picking_id.picking_type_code", "in", ("outgoing", "internal")),
            ("picking_id.sale_id.ecom_bind_ids", "!=", False),
            ("state", "=", "assigned"),
        ]

    @api.model
    def action_open_cockpit(self):
        """Menu: the cockpit as a saved record, so the web client reads its
        counters (a new record would only show its defaults)."""
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_cockpit_action")
        action["res_id"] = self.create({}).id
        return action

    def _open_orders(self, name, title):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_connector.sale_order_action_ecom_cockpit"
        )
        action["domain"] = self.env["sale.order"]._ecom_cockpit_domain(name)
        action["name"] = title
        return action

    def action_open_today(self):
        return self._open_orders("today", self.env._("Today's Orders"))

    def action_open_shippable(self):
        return self._open_orders("shippable", self.env._("Shippable Now"))

    def action_open_waiting_stock(self):
        return self._open_orders("waiting_stock", self.env._("Waiting for Stock"))

    def action_open_waiting_payment(self):
        return self._open_orders("waiting_payment", self.env._("Waiting for Payment"))

    def action_open_error(self):
        return self._open_orders("error", self.env._("Sync Errors"))

    def action_open_inbox_errors(self):
        """The inbox entries in error: the orders to fix, then retry."""
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_inbox_action")
        action["domain"] = self._inbox_error_domain()
        action["context"] = {"search_default_error": 1}
        action["name"] = self.env._("Orders Not Imported")
        return action

    def action_open_late(self):
        return self._open_orders("late", self.env._("Late Shipments"))

    def action_open_poll_failures(self):
        """The shops whose last import failed, with their error."""
        action = self.env["ir.actions.act_window"]._for_xml_id("ecom_connector.ecom_backend_action")
        action["domain"] = self._poll_failed_domain()
        action["name"] = self.env._("Shops Failing to Import")
        return action

    def action_open_pick_list(self):
        """Odoo's detailed operations of what is shippable, by location: the
        picker walks the aisles in order."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_connector.stock_move_line_action_ecom_pick"
        )
        action["domain"] = [
            ("move_id", "in", self.env["stock.move"].search(self._pick_moves_domain()).ids)
        ]
        return action
