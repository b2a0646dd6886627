# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase


class EcomDropshipCase(EcomFrenchCompanyCase):
    """Test base of ecom_dropship: a French merchant with three suppliers.

    Besides the fixtures of ``EcomFrenchCompanyCase``, built once in
    ``setUpClass`` with mail tracking disabled:

    - ``ecom_user`` / ``ecom_manager`` also get *Sales / User: Own Documents*,
      *Inventory / User* and *Purchase / User* (``ecom_user_groups``).
    - ``warehouse``: the company's warehouse (one-step receipt and delivery);
      ``stock_location``: its stock location.
    - ``supplier_a``, ``supplier_b``, ``supplier_c``: suppliers (companies),
      confirmed manually by default; ``supplier_usd`` is ``supplier_c``'s
      currency: ``usd``, with a rate of 2 USD for 1 EUR from 2020 on.
    - ``customer``: a French consumer with a full address.
    - ``category_flux``, ``category_dropship``: product categories whose
      default procurement mode is flux tendu / dropship.

    Builders: ``_create_product(name, mode=None, sellers=(), **vals)`` with
    sellers as ``(partner, price, extra vals)`` tuples;
    ``_create_sale_order(lines, user_env=None)`` with lines as
    ``(product, qty)``, confirmed as ``ecom_user``; ``_receive(picking)`` and
    ``_deliver(picking)`` set the demand as done and validate.
    """

    ecom_user_groups = (
        *EcomFrenchCompanyCase.ecom_user_groups,
        "sales_team.group_sale_salesman",
        "stock.group_stock_user",
        "purchase.group_purchase_user",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.usd = cls.env.ref("base.USD")
        cls.usd.active = True
        cls.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "currency_id": cls.usd.id,
                "company_id": cls.company.id,
                "rate": 2.0,
            }
        )
        Partner = cls.env["res.partner"]
        cls.supplier_a, cls.supplier_b, cls.supplier_c = Partner.create(
            [
                {"name": name, "is_company": True, "country_id": cls.country_fr.id}
                for name in ("Fournisseur A", "Fournisseur B", "Supplier C Inc")
            ]
        )
        cls.customer = Partner.create(
            {
                "name": "Camille Martin",
                "street": "8 avenue Jean Jaurès",
                "zip": "75019",
                "city": "Paris",
                "country_id": cls.country_fr.id,
                "email": "camille.martin@example.com",
                "phone": "+33 6 12 34 56 78",
            }
        )
        Category = cls.env["product.category"]
        cls.category_flux = Category.create(
            {"name": "Flux tendu", "ecom_procurement_mode": "flux_tendu"}
        )
        cls.category_dropship = Category.create(
            {"name": "Dropship", "ecom_procurement_mode": "dropship"}
        )

    @classmethod
    def _create_product(cls, name, mode=None, sellers=(), **vals):
        values = {
            "name": name,
            "type": "consu",
            "is_storable": True,
            "list_price": 50.0,
            "taxes_id": [Command.set(cls.tax_sale_20.ids)],
            "supplier_taxes_id": [Command.set(cls.tax_purchase_20.ids)],
            "seller_ids": [
                Command.create(
                    dict(
                        {
                            "partner_id": partner.id,
                            "price": price,
                            "company_id": cls.company.id,
                            "delay": 2,
                        },
                        **extra,
                    )
                )
                for partner, price, extra in sellers
            ],
        }
        if mode:
            values["ecom_procurement_mode"] = mode
        values.update(vals)
        return cls.env["product.product"].create(values)

    @classmethod
    def _create_sale_order(cls, lines, user_env=None):
        env = user_env or cls.env_user
        order = env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.warehouse.id,
                "client_order_ref": "SHOP-1001",
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _validate(cls, picking, quantities=None, backorder=None):
        """Set the picked quantities (the demand by default) and validate;
        ``backorder`` False cancels the rest (no backorder)."""
        for move in picking.move_ids:
            qty = move.product_uom_qty if quantities is None else quantities[move.product_id]
            move.quantity = qty
            move.picked = True
        ctx = {}
        if backorder is False:
            ctx["cancel_backorder"] = True
        res = picking.with_context(**ctx).button_validate()
        if isinstance(res, dict) and res.get("res_model") == "stock.backorder.confirmation":
            wizard = (
                cls.env["stock.backorder.confirmation"].with_context(**res["context"]).create({})
            )
            if backorder is False:
                wizard.process_cancel_backorder()
            else:
                wizard.process()
        return picking
