# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class StockRule(models.Model):
    _inherit = "stock.rule"

    @api.model
    def _run_buy(self, procurements):
        # Core only looks across vendors when the procurement names none; a
        # customer order names its customer, so pick the supplier here and
        # hand it to core through the ``supplierinfo_id`` value it honours.
        for procurement, rule in procurements:
            self._ecom_set_procurement_supplier(procurement, rule)
        res = super()._run_buy(procurements)
        self._ecom_confirm_purchases(procurements)
        return res

    def _ecom_set_procurement_supplier(self, procurement, rule):
        values = procurement.values
        orderpoint = values.get("orderpoint_id")
        if orderpoint and orderpoint.supplier_id:
            values["ecom_supplier_choice_reason"] = self.env._("Vendor set on the reordering rule.")
            return
        if values.get("supplierinfo_id"):
            values.setdefault(
                "ecom_supplier_choice_reason",
                self.env._("Vendor requested by the replenishment."),
            )
            return
        product = procurement.product_id.with_company(procurement.company_id)
        partner = self._get_partner_id(values, rule)
        if partner and partner in product.seller_ids.partner_id:
            values["ecom_supplier_choice_reason"] = self.env._(
                "Vendor requested by the replenishment."
            )
            return
        date_planned = fields.Datetime.to_datetime(values["date_planned"])
        choice = product._ecom_choose_seller(
            procurement.product_qty,
            uom=procurement.product_uom,
            date=max(date_planned.date(), fields.Date.today()),
        )
        reason = choice["reason"]
        if choice["seller"]:
            values["supplierinfo_id"] = choice["seller"]
        else:
            reason = "\n".join(
                filter(
                    None,
                    [
                        self.env._(
                            "No supplier meets the conditions: Odoo's default vendor is used."
                        ),
                        reason,
                    ],
                )
            )
        values["ecom_supplier_choice_reason"] = reason
        values["ecom_supplier_stock_missing"] = choice["stock_missing"]

    def _make_po_get_domain(self, company_id, values, partner):
        # one open request for quotation per supplier until the cut-off
        domain = super()._make_po_get_domain(company_id, values, partner)
        cutoff = company_id._ecom_get_next_cutoff()
        if cutoff:
            domain += (("ecom_cutoff_datetime", "=", cutoff),)
        return domain

    def _prepare_purchase_order(self, company_id, origins, values):
        vals = super()._prepare_purchase_order(company_id, origins, values)
        vals.update(
            ecom_auto_created=True,
            ecom_cutoff_datetime=company_id._ecom_get_next_cutoff(),
        )
        return vals

    def _ecom_confirm_purchases(self, procurements):
        """Confirm the automatic requests for quotation of the suppliers set
        to be confirmed as soon as created (or at a cut-off the company does
        not have)."""
        partners_by_company = {}
        for procurement, _rule in procurements:
            supplier = procurement.values.get("supplier")
            if supplier:
                company = procurement.company_id
                partners_by_company.setdefault(company, supplier.partner_id.browse())
                partners_by_company[company] |= supplier.partner_id
        for company, partners in partners_by_company.items():
            partners = partners.with_company(company)
            to_confirm = partners.filtered(
                lambda p, c=company: (
                    p.ecom_po_auto_confirm == "immediate"
                    or (p.ecom_po_auto_confirm == "cutoff" and not c.ecom_po_cutoff_hour)
                )
            )
            if not to_confirm:
                continue
            orders = (
                self.env["purchase.order"]
                .sudo()
                .with_company(company)
                .search(
                    [
                        ("partner_id", "in", to_confirm.ids),
                        ("company_id", "=", company.id),
                        ("state", "=", "draft"),
                        ("ecom_auto_created", "=", True),
                    ]
                )
            )
            for order in orders:
                # a failed confirmation must not block the customer order
                try:
                    with self.env.cr.savepoint():
                        order.button_confirm()
                except UserError as exc:
                    order._ecom_schedule_buyer_activity(
                        self.env._("Automatic confirmation failed"), str(exc)
                    )
