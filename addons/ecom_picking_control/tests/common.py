# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase


def create_packing_station(warehouse):
    """Packing station "Poste 1" of ``warehouse`` with its box "Carton S"
    (0.1 kg); cross-addon scenarios build theirs with it too."""
    env = warehouse.env
    box = env["stock.package.type"].create(
        {"name": "Carton S", "base_weight": 0.1, "company_id": warehouse.company_id.id}
    )
    return env["ecom.packing.station"].create(
        {
            "name": "Poste 1",
            "company_id": warehouse.company_id.id,
            "warehouse_id": warehouse.id,
            "package_type_id": box.id,
        }
    )


class PickingControlCase(EcomFrenchCompanyCase):
    """Test base of ecom_picking_control: a French shop that packs at a station.

    On top of :class:`EcomFrenchCompanyCase` (company, ``ecom_user``,
    ``ecom_manager``), built once in ``setUpClass``:

    - ``warehouse``: the company's warehouse (one-step delivery) with packing
      control switched on by ``action_ecom_enable_packing_control`` (every
      unit scanned, weight warned beyond 50 g / 5 %, override allowed) and
      reception conformity on its receipts; ``out_type``, ``in_type``.
    - ``shelf_a`` / ``shelf_b``: two stock locations (A-01, B-02).
    - ``mug`` (EAN 3760000000017, 0.4 kg, 20 on shelf B-02), ``tshirt``
      (EAN 3760000000024, 0.2 kg, 20 on shelf A-01), ``poster`` (EAN
      3760000000093, 0.1 kg, in stock but in no order);
      ``mug_carton``: a packaging of 6 mugs, barcode PACK-MUG-6.
    - ``customer``: a French customer; ``supplier``: a supplier.
    - ``station``: packing station "Poste 1" with a 0.1 kg box type
      (``box``).
    - ``ecom_user`` is a packer (Inventory / User); ``ecom_manager`` is also
      Inventory / Administrator, so may override.

    Builders: ``_make_delivery(lines, ref=...)`` confirms a sale order of
    ``[(product, qty)]`` and returns its reserved delivery (procurement,
    ``action_assign``); ``_scan(picking, *codes)`` scans as the packer at
    ``station`` and returns the last state.
    """

    ecom_user_groups = (
        "base.group_user",
        "stock.group_stock_user",
        "sales_team.group_sale_salesman",
        "purchase.group_purchase_user",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ecom_manager.groups_id |= cls.env.ref("stock.group_stock_manager")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.warehouse.action_ecom_enable_packing_control()
        cls.out_type = cls.warehouse.out_type_id
        # new warehouses batch deliveries per customer: the day's pick list does it here
        cls.out_type.auto_batch = False
        cls.in_type = cls.warehouse.in_type_id
        stock = cls.warehouse.lot_stock_id
        cls.shelf_a = cls.env["stock.location"].create({"name": "A-01", "location_id": stock.id})
        cls.shelf_b = cls.env["stock.location"].create({"name": "B-02", "location_id": stock.id})
        cls.mug = cls._product("Mug", "3760000000017", 0.4, "MUG")
        cls.tshirt = cls._product("Tee-shirt", "3760000000024", 0.2, "TEE")
        cls.poster = cls._product("Poster", "3760000000093", 0.1, "POS")
        cls.mug_carton = cls.env["product.packaging"].create(
            {
                "name": "Carton 6",
                "product_id": cls.mug.id,
                "qty": 6,
                "barcode": "PACK-MUG-6",
                "company_id": cls.company.id,
            }
        )
        for product, location in (
            (cls.mug, cls.shelf_b),
            (cls.tshirt, cls.shelf_a),
            (cls.poster, cls.shelf_a),
        ):
            cls.env["stock.quant"]._update_available_quantity(product, location, 20)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Camille Client",
                "country_id": cls.country_fr.id,
                "zip": "75001",
                "city": "Paris",
                "street": "1 rue de Rivoli",
                "email": "camille@example.fr",
            }
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Fournisseur SARL", "email": "achats@fournisseur.example", "is_company": True}
        )
        cls.station = create_packing_station(cls.warehouse)
        cls.box = cls.station.package_type_id

    @classmethod
    def _product(cls, name, barcode, weight, code):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "barcode": barcode,
                "default_code": code,
                "weight": weight,
                "list_price": 10.0,
                "taxes_id": [Command.set(cls.tax_sale_20.ids)],
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _make_delivery(cls, lines, ref=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "client_order_ref": ref,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        return picking

    def _station(self, env=None):
        return self.station.with_env(env or self.env_user)

    def _scan(self, picking, *codes, env=None):
        station = self._station(env)
        state = None
        for code in codes:
            state = station.ecom_scan(picking.id, code)
        return state
