# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class Ecom3plStockDiscrepancy(models.Model):
    _name = "ecom.3pl.stock.discrepancy"
    _description = "Logistics Provider Stock Discrepancy"
    _order = "file_id desc, product_id"
    _check_company_auto = True

    file_id = fields.Many2one(
        "ecom.3pl.file", string="Stock Snapshot", required=True, ondelete="cascade", index=True
    )
    provider_id = fields.Many2one(related="file_id.provider_id", store=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", required=True, check_company=True)
    location_id = fields.Many2one("stock.location", required=True, check_company=True)
    odoo_quantity = fields.Float(string="Quantity in Odoo", digits="Product Unit of Measure")
    provider_quantity = fields.Float(
        string="Quantity at the Provider", digits="Product Unit of Measure"
    )
    difference = fields.Float(
        compute="_compute_difference", store=True, digits="Product Unit of Measure"
    )
    state = fields.Selection(
        [("open", "To Apply"), ("applied", "Applied")], default="open", required=True
    )
    move_id = fields.Many2one("stock.move", string="Inventory Move", readonly=True)

    @api.depends("odoo_quantity", "provider_quantity")
    def _compute_difference(self):
        for line in self:
            line.difference = line.provider_quantity - line.odoo_quantity

    def action_apply(self):
        """Apply the differences as one inventory adjustment in the
        warehouse's stock location (the difference is added to what Odoo
        holds there now, so moves since the snapshot are kept)."""
        self.env["ecom.3pl.file"]._check_inventory_rights()
        lines = self.filtered(lambda d: d.state == "open")
        tracked = lines.filtered(lambda d: d.product_id.tracking != "none")
        if tracked:
            raise UserError(
                self.env._(
                    "Products tracked by lot or serial number are counted per lot: "
                    "adjust %s from Inventory > Physical Inventory.",
                    ", ".join(tracked.product_id.mapped("display_name")),
                )
            )
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        quants = Quant
        for line in lines:
            quant = Quant._gather(line.product_id, line.location_id, strict=True).filtered(
                lambda q: not q.lot_id and not q.package_id and not q.owner_id
            )[:1]
            current = quant.quantity if quant else 0.0
            quant = Quant.create(
                {
                    "product_id": line.product_id.id,
                    "location_id": line.location_id.id,
                    "inventory_quantity": current + line.difference,
                }
            )
            quants |= quant
        if not quants:
            return True
        name = self.env._("Stock of %s", ", ".join(lines.file_id.mapped("name")))
        quants.with_context(inventory_name=name)._apply_inventory()
        for line in lines:
            line.move_id = self.env["stock.move"].search(
                [
                    ("product_id", "=", line.product_id.id),
                    ("is_inventory", "=", True),
                    ("state", "=", "done"),
                    "|",
                    ("location_id", "=", line.location_id.id),
                    ("location_dest_id", "=", line.location_id.id),
                ],
                order="id desc",
                limit=1,
            )
        lines.state = "applied"
        return True
