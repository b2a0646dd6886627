# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class EcomPickListWizard(models.TransientModel):
    _name = "ecom.pick.list.wizard"
    _description = "Day's Pick List"

    def _default_picking_type(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        return (
            warehouse.out_type_id
            if warehouse.delivery_steps == "ship_only"
            else warehouse.pick_type_id
        )

    picking_type_id = fields.Many2one(
        "stock.picking.type",
        string="Operation Type",
        required=True,
        default=lambda self: self._default_picking_type(),
        domain="[('code', 'in', ('outgoing', 'internal'))]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    include_partial = fields.Boolean(
        string="Include Partly Reserved Transfers",
        help="Also take the transfers to ship as soon as possible whose goods are only "
        "partly in stock: what is missing is delivered later in a backorder. Off, a "
        "transfer is picked once all its goods are reserved.",
    )
    waiting_count = fields.Integer(
        string="Transfers Waiting for Goods",
        compute="_compute_waiting_count",
        help="Transfers of this day left out of the pick list: their goods are not all "
        "reserved yet.",
    )

    batched_count = fields.Integer(
        string="Transfers in Other Batches",
        compute="_compute_batched_count",
        help="Transfers of this day already in a batch or wave that is not done (made by "
        "hand, or by Odoo's automatic batches of the operation type): the pick list "
        "leaves them there.",
    )

    @api.depends("picking_type_id", "date")
    def _compute_batched_count(self):
        for wizard in self:
            if not wizard.picking_type_id or not wizard.date:
                wizard.batched_count = 0
                continue
            end = self.env["stock.picking.batch"]._ecom_day_end(wizard.date)
            wizard.batched_count = self.env["stock.picking"].search_count(
                [
                    ("picking_type_id", "=", wizard.picking_type_id.id),
                    ("state", "in", ("confirmed", "waiting", "assigned")),
                    ("batch_id", "!=", False),
                    ("batch_id.state", "in", ("draft", "in_progress")),
                    ("scheduled_date", "<=", end),
                ]
            )

    @api.depends("picking_type_id", "date", "include_partial")
    def _compute_waiting_count(self):
        batches = self.env["stock.picking.batch"]
        for wizard in self:
            if not wizard.picking_type_id or not wizard.date:
                wizard.waiting_count = 0
                continue
            waiting = batches._ecom_day_pickings(
                wizard.picking_type_id, wizard.date, wizard.include_partial
            )[1]
            wizard.waiting_count = len(waiting)

    def action_create(self):
        self.ensure_one()
        batch = self.env["stock.picking.batch"]._ecom_create_day_batch(
            self.picking_type_id, self.date, include_partial=self.include_partial
        )
        if not batch:
            if self.waiting_count:
                raise UserError(
                    self.env._(
                        "There is no transfer ready to ship for this day: %s wait for goods.",
                        self.waiting_count,
                    )
                )
            if self.batched_count:
                raise UserError(
                    self.env._(
                        "There is no transfer ready to ship for this day outside batches: %s "
                        "are already in other batches (see the operation type's automatic "
                        "batches).",
                        self.batched_count,
                    )
                )
            raise UserError(self.env._("There is no transfer ready to ship for this day."))
        return self.env.ref("ecom_picking_control.action_report_pick_list").report_action(batch)
