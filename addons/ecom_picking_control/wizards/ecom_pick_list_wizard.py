# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
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

    def action_create(self):
        self.ensure_one()
        batch = self.env["stock.picking.batch"]._ecom_create_day_batch(
            self.picking_type_id, self.date
        )
        if not batch:
            raise UserError(self.env._("There is no transfer ready to ship for this day."))
        return self.env.ref("ecom_picking_control.action_report_pick_list").report_action(batch)
