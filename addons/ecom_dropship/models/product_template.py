# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .product_category import PROCUREMENT_MODES


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ecom_procurement_mode = fields.Selection(
        selection=PROCUREMENT_MODES,
        string="Procurement Mode",
        compute="_compute_ecom_procurement_mode",
        store=True,
        readonly=False,
        precompute=True,
        help="From stock: sold from what the warehouse holds. Flux tendu: the "
        "customer order triggers the supplier order, the goods come to the "
        "warehouse and leave at once (Buy + Replenish on Order routes). "
        "Dropship: the supplier ships to the customer (Dropship route).",
    )
    ecom_buffer_enabled = fields.Boolean(
        string="Buffer Stock",
        help="Compute the reordering rule of this product from its average "
        "daily usage, supplier lead time and safety days.",
    )
    ecom_safety_days = fields.Integer(string="Safety Days", default=7)
    ecom_order_cycle_days = fields.Integer(string="Order Cycle Days", default=14)

    # figures of the single variant, shown on the template form
    ecom_adu = fields.Float(
        string="Average Daily Usage",
        compute="_compute_ecom_stock_metrics",
        digits=(16, 4),
    )
    ecom_buffer_lead_days = fields.Integer(
        string="Supplier Lead Time (days)", compute="_compute_ecom_stock_metrics"
    )
    ecom_buffer_min_qty = fields.Float(
        string="Buffer Minimum",
        compute="_compute_ecom_stock_metrics",
        digits="Product Unit of Measure",
    )
    ecom_buffer_max_qty = fields.Float(
        string="Buffer Maximum",
        compute="_compute_ecom_stock_metrics",
        digits="Product Unit of Measure",
    )
    ecom_rotation_rate = fields.Float(
        string="Rotation Rate", compute="_compute_ecom_stock_metrics", digits=(16, 2)
    )
    ecom_days_of_stock = fields.Float(
        string="Days of Stock", compute="_compute_ecom_stock_metrics", digits=(16, 1)
    )
    ecom_stock_metrics_date = fields.Datetime(
        string="Stock Figures Computed On", compute="_compute_ecom_stock_metrics"
    )

    @api.depends("categ_id")
    def _compute_ecom_procurement_mode(self):
        for template in self:
            template.ecom_procurement_mode = template.categ_id.ecom_procurement_mode or "stock"

    @api.depends(
        "product_variant_ids.ecom_adu",
        "product_variant_ids.ecom_buffer_min_qty",
        "product_variant_ids.ecom_rotation_rate",
        "product_variant_ids.ecom_stock_metrics_date",
    )
    def _compute_ecom_stock_metrics(self):
        fnames = (
            "ecom_adu",
            "ecom_buffer_lead_days",
            "ecom_buffer_min_qty",
            "ecom_buffer_max_qty",
            "ecom_rotation_rate",
            "ecom_days_of_stock",
            "ecom_stock_metrics_date",
        )
        for template in self:
            variant = (
                template.product_variant_ids if len(template.product_variant_ids) == 1 else None
            )
            for fname in fnames:
                template[fname] = variant[fname] if variant else False

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates.filtered(lambda t: t.type == "consu")._ecom_apply_procurement_routes()
        return templates

    def write(self, vals):
        # the procurement mode drives the routes: re-apply them when it may change
        res = super().write(vals)
        if {"ecom_procurement_mode", "categ_id", "type"} & set(vals):
            self.filtered(lambda t: t.type == "consu")._ecom_apply_procurement_routes()
        return res

    def action_ecom_compute_stock_metrics(self):
        """Button: recompute usage, buffer stock and rotation of the variants."""
        return self.product_variant_ids.action_ecom_compute_stock_metrics()

    @api.model
    def _ecom_get_procurement_routes(self):
        """Return ``{mode: stock.route recordset}``: the routes each procurement
        mode sets on a product.  The Replenish on Order (MTO) route, archived
        by default in Odoo, is unarchived on first use."""
        Route = self.env["stock.route"].sudo().with_context(active_test=False)
        buy = self.env.ref("purchase_stock.route_warehouse0_buy", raise_if_not_found=False)
        dropship = self.env.ref("stock_dropshipping.route_drop_shipping", raise_if_not_found=False)
        mto = (
            self.env["stock.warehouse"]
            .sudo()
            ._find_or_create_global_route(
                "stock.route_warehouse0_mto",
                self.env._("Replenish on Order (MTO)"),
                create=False,
            )
        )
        mto = Route.browse(mto.ids)
        if mto and not mto.active:
            mto.active = True
            # warehouses created while the route was archived kept their rule
            mto.rule_ids.filtered(lambda r: not r.active).active = True
        buy = Route.browse(buy.ids)
        dropship = Route.browse(dropship.ids)
        return {
            "stock": Route.browse(),
            "flux_tendu": buy | mto,
            "dropship": dropship,
        }

    def _ecom_apply_procurement_routes(self):
        """Set the routes of the procurement mode, removing those of the
        other modes and keeping any other route the product has."""
        if not self:
            return
        routes_by_mode = self._ecom_get_procurement_routes()
        managed = self.env["stock.route"].sudo().browse()
        for routes in routes_by_mode.values():
            managed |= routes
        for template in self.sudo():
            wanted = routes_by_mode.get(template.ecom_procurement_mode) or managed.browse()
            current = template.route_ids
            new_routes = (current - managed) | wanted
            if new_routes != current:
                template.route_ids = new_routes
