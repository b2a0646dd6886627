# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The merchant's screens in headless Chromium, as a French user of a French
company, on data the test builds through the real flows: the order cockpit,
the shop orders (list and kanban), the inbox with an order in error, the
packing station with a transfer open, a Colissimo shipment with its
tracking, the ventilation table.  Each screen is photographed (README
pictures: ``ECOM_DOCS_SCREENSHOTS=1``) and fails on an error or on English
text (see ``ecom_base/tests/screens.py``)."""

from pathlib import Path

import polib

from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.ecom_base.tests.screens import FrenchScreenMixin
from odoo.addons.ecom_carrier.tests.common import EcomCarrierCase
from odoo.addons.ecom_connector.tests.common_outbound import EcomOutboundCase
from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer
from odoo.addons.queue_job.tests.common import trap_jobs

# external id, customer (name, email, street, zip, city), lines (sku, qty), payment
SHOP_ORDERS = [
    (
        "2041",
        ("Élodie Martin", "elodie.martin@example.fr", "12 quai Saint-Antoine", "69002", "Lyon"),
        [("THE-SENCHA", 2), ("THEIERE-FONTE", 1)],
        "stripe",
    ),
    (
        "2042",
        ("Hugo Bernard", "hugo.bernard@example.fr", "8 quai de la Fosse", "44000", "Nantes"),
        [("KIT-PLANT", 1), ("REVUE-THE", 2)],
        "stripe",
    ),
    (
        "2043",
        ("Chloé Petit", "chloe.petit@example.fr", "4 rue Sainte-Catherine", "33000", "Bordeaux"),
        [("LIVRE-RECET", 1)],
        "bacs",
    ),
    (
        "2044",
        ("Lucas Moreau", "lucas.moreau@example.fr", "27 rue Nationale", "59000", "Lille"),
        [("LIVRE-RECET", 60)],
        "stripe",
    ),
    (
        "2045",
        ("Manon Girard", "manon.girard@example.fr", "6 cours Julien", "13006", "Marseille"),
        [("THEIERE-FONTE", 1), ("THE-SENCHA", 1)],
        "stripe",
    ),
]
PRICES = {"THE-SENCHA": 12.00, "THEIERE-FONTE": 45.90, "KIT-PLANT": 18.50}
PRICES.update({"REVUE-THE": 6.90, "LIVRE-RECET": 24.00})
RATES = {"THE-SENCHA": 5.5, "THEIERE-FONTE": 20, "KIT-PLANT": 10, "REVUE-THE": 2.1}
RATES["LIVRE-RECET"] = 5.5
WEIGHTS = {"THE-SENCHA": 0.12, "THEIERE-FONTE": 1.4, "KIT-PLANT": 0.8}
WEIGHTS.update({"REVUE-THE": 0.2, "LIVRE-RECET": 0.6})


@tagged("post_install", "-at_install")
class TestFrenchScreens(FrenchScreenMixin, HttpCase, EcomOutboundCase, EcomCarrierCase):
    """Fixtures: the company renamed *Les Thés de Camille*; the
    WooCommerce shop of ``EcomOutboundCase`` in French on a local shop
    server, its *colissimo* code on the local Colissimo carrier of
    ``EcomCarrierCase``; ``orders``: {shop id: sale order} of
    ``SHOP_ORDERS`` imported today (2041 shipped by Colissimo and in transit,
    2042 and 2045 to pack, 2043 an unpaid bank transfer, 2044 waiting for
    stock) and order 2046 in the inbox in error (unknown SKU); packing
    control on the warehouse and station *Poste 1*; the ventilation table
    set up by an accountant; ``merchant``: *Claire Dubois*, in French,
    E-commerce manager, salesperson, stock user, purchase user, accountant."""

    # tall enough for a form and its notebook
    browser_size = "1366x900"
    ecom_user_groups = (
        "base.group_user",
        "account.group_account_invoice",
        "sales_team.group_sale_salesman",
        "stock.group_stock_user",
    )
    screen_models = (
        "ecom.cockpit",
        "sale.order",
        "ecom.inbox",
        "ecom.packing.station",
        "stock.picking",
        "ecom.carrier.parcel",
        "ecom.carrier.parcel.event",
        "ecom.account.ventilation",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        # the day runs in French, as in the web client (messages, names)
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company.name = "Les Thés de Camille"
        # the transfers' prefix comes from the warehouse's code
        cls.warehouse.write({"name": "Entrepôt de Lyon", "code": "LYON"})
        cls.shop = cls.start(
            WooCommerceOutServer(
                orders=[{"id": ext, "status": "processing"} for ext, *_rest in SHOP_ORDERS]
            )
        )
        cls.backend.write({"name": "Comptoir Lumière (boutique en ligne)", "lang": "fr_FR"})
        cls.backend.carrier_map_ids.carrier_id = cls.colissimo_home
        for sku, product in cls.products.items():
            product.weight = WEIGHTS[sku]
        cls.merchant = cls._create_ecom_user(
            "marchande",
            (
                "ecom_base.ecom_base_group_manager",
                "base.group_user",
                "sales_team.group_sale_salesman",
                "stock.group_stock_user",
                "purchase.group_purchase_user",
                "account.group_account_manager",
            ),
        )
        cls.merchant.write({"name": "Claire Dubois", "lang": "fr_FR", "tz": "Europe/Paris"})
        cls.orders = {}
        with trap_jobs() as trap:
            for external_id, customer, lines, payment in SHOP_ORDERS:
                cls._receive_order(external_id, customer, lines, payment)
            cls._receive_order(
                "2046",
                ("Inès Roux", "ines.roux@example.fr", "2 place Stanislas", "54000", "Nancy"),
                [("THE-MATCHA-50", 1)],
                "stripe",
            )
            for job in list(trap.enqueued_jobs):
                if job.method_name == "_process":
                    job.perform()
        for order in cls.bound_orders(cls):
            cls.orders[order.ecom_bind_ids.external_id] = order
        cls.warehouse.action_ecom_enable_packing_control()
        cls.station = cls.env["ecom.packing.station"].create(
            {
                "name": "Poste 1",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "package_type_id": cls.env["stock.package.type"]
                .create({"name": "Carton S", "base_weight": 0.1, "company_id": cls.company.id})
                .id,
            }
        )
        cls.shipment = cls._ship_with_tracking(cls.orders["2041"])
        accountant = cls._create_ecom_user(
            "comptable", ("ecom_base.ecom_base_group_manager", "account.group_account_manager")
        )
        cls.env(user=accountant)["ecom.accounting.setup"].create({}).action_apply()

    @classmethod
    def _receive_order(cls, external_id, customer, lines, payment):
        name, email, street, zip_code, city = customer
        address = {
            "name": name,
            "street": street,
            "zip": zip_code,
            "city": city,
            "country_code": "FR",
            "email": email,
        }
        order_lines = [
            {
                "sku": sku,
                "quantity": qty,
                "price_unit": f"{PRICES.get(sku, 9.90):.2f}",
                "tax_rate": RATES.get(sku, 5.5),
            }
            for sku, qty in lines
        ]
        total = sum(PRICES.get(sku, 9.90) * qty for sku, qty in lines) + 4.90
        order = cls.canonical_order(
            external_id=external_id,
            reference=f"#{external_id}",
            date_order=fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            paid=payment == "stripe",
            payment_method=payment,
            status="processing" if payment == "stripe" else "on-hold",
            customer={"external_id": external_id, "email": email, "name": name},
            billing_address=address,
            shipping_address=address,
            lines=order_lines,
            discounts=[],
            total=f"{total:.2f}",
        )
        cls.receive(cls, order)

    @classmethod
    def _ship_with_tracking(cls, order):
        """Packed at the station by the packer (each unit scanned, weighed,
        validated: Colissimo label), two tracking events, tracking and
        status pushed to the shop."""
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        station = cls.station.with_user(cls.ecom_user)
        with trap_jobs() as trap:
            station.ecom_open(order.client_order_ref)
            for move in picking.move_ids:
                for _unit in range(int(move.product_uom_qty)):
                    station.ecom_scan(picking.id, move.product_id.barcode)
            weight = sum(m.product_id.weight * m.product_uom_qty for m in picking.move_ids)
            station.ecom_weigh(picking.id, f"{weight + 0.1:.2f}")
            station.ecom_validate(picking.id)
            parcel = picking.ecom_parcel_ids
            cls.laposte_server.add_event(parcel.tracking_number, "PC1", "2026-11-28T17:40:00+01:00")
            cls.laposte_server.add_event(parcel.tracking_number, "ET1", "2026-11-29T04:10:00+01:00")
            cls.colissimo_home._ecom_poll_tracking(parcel)
            cls.run_jobs(trap)
        return picking

    def test_cockpit(self):
        texts = self.check_french_screen(
            "cockpit",
            "/odoo",
            ".o_navbar_apps_menu button",
            steps=[
                {"click": ".o_navbar_apps_menu button"},
                # the E-commerce application opens on its first menu: the cockpit
                {"click": ".o_app[data-menu-xmlid='ecom_base.ecom_menu_root']"},
                {"wait": ".o_form_view .o_field_statinfo"},
            ],
            login="marchande",
        )
        self.assertIn("Commandes d'aujourd'hui", texts)
        self.assertIn("Comptoir Lumière (boutique en ligne) : 5", texts)
        # order 2046 never became a sale order: counted beside the sync errors
        self.assertIn("Non importées", texts)
        self.assertEqual(self._cockpit_counter("inbox_error_count"), 1)

    def _cockpit_counter(self, name):
        return self.env["ecom.cockpit"].with_user(self.merchant).create({})[name]

    def test_orders_list(self):
        texts = self.check_french_screen(
            "commandes",
            "/odoo/action-ecom_connector.sale_order_action_ecom_cockpit",
            ".o_list_view .o_data_row",
            login="marchande",
        )
        self.assertIn(self.orders["2042"].name, texts)

    def test_orders_kanban(self):
        self.check_french_screen(
            "commandes_kanban",
            "/odoo/action-ecom_connector.sale_order_action_ecom_cockpit?view_type=kanban",
            ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
            login="marchande",
        )

    def test_inbox_error(self):
        texts = self.check_french_screen(
            "boite_de_reception",
            "/odoo/action-ecom_connector.ecom_inbox_action",
            ".o_list_view .o_data_row",
            steps=[{"click": ".o_data_row .o_data_cell"}, {"wait": ".o_form_view .alert-danger"}],
            login="marchande",
        )
        self.assertTrue(any("THE-MATCHA-50" in text for text in texts), texts)

    def test_packing_station(self):
        picking = self.orders["2042"].picking_ids
        texts = self.check_french_screen(
            "poste_emballage",
            "/odoo/action-ecom_picking_control.ecom_packing_station_client_action",
            ".o_ecom_station_input",
            steps=[
                {"scan": [".o_ecom_station_input", "#2042"], "wait": ".o_ecom_picking_origin"},
                {"scan": [".o_ecom_station_input", "3760000000031"], "wait": ".o_ecom_msg_success"},
            ],
            login="marchande",
        )
        self.assertIn(picking.name, " ".join(texts))
        self.assertEqual(len(picking.ecom_scan_ids.filtered(lambda s: s.kind == "scan")), 1)

    def test_shipment_tracking(self):
        # the parcels and their tracking events below the transfer
        self.browser_size = "1366x1150"
        picking = self.shipment
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.ecom_tracking_state, "in_transit")
        self.assertEqual(
            picking.ecom_shipment_state, "sent", picking.ecom_shipment_error or self.shop.requests
        )
        texts = self.check_french_screen(
            "expedition_suivi",
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            ".o_form_view .o_notebook",
            steps=[
                {"click": ".o_notebook_headers a[name='ecom_tracking']"},
                {"wait": ".o_notebook .tab-pane.active .o_data_row"},
            ],
            login="marchande",
        )
        self.assertIn(picking.ecom_parcel_ids.tracking_number, texts)

    def test_ventilation_table(self):
        self.check_french_screen(
            "ventilation",
            "/odoo/action-ecom_accounting_fr.ecom_account_ventilation_action",
            ".o_list_view .o_data_row",
            login="marchande",
        )


@tagged("post_install", "-at_install")
class TestJavascriptTerms(TransactionCase):
    def test_no_javascript_term_shadowed_by_odoo(self):
        """The web client merges the JavaScript terms of every module in one
        dictionary: a term of ours that an installed Odoo module translates
        otherwise shows one or the other at random (the station's "Esc" was
        "Esc" once in two, web's translation)."""
        ours = {}
        for po_path in Path(__file__).resolve().parent.parent.glob("addons/*/i18n/fr.po"):
            for entry in polib.pofile(str(po_path)):
                if "odoo-javascript" in entry.comment and entry.msgstr:
                    ours[entry.msgid] = (po_path.parent.parent.name, entry.msgstr)
        clashes = []
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        for module in installed.filtered(lambda m: not m.name.startswith("ecom_")).mapped("name"):
            po_path = Path(get_module_path(module) or "/nonexistent") / "i18n" / "fr.po"
            if not po_path.exists():
                continue
            for entry in polib.pofile(str(po_path)):
                if entry.msgid in ours and "odoo-javascript" in entry.comment:
                    addon, msgstr = ours[entry.msgid]
                    if entry.msgstr and entry.msgstr != msgstr:
                        clashes.append(
                            f"{addon} “{entry.msgid}”: {msgstr} / {module}: {entry.msgstr}"
                        )
        self.assertFalse(
            clashes, "JavaScript terms translated otherwise by Odoo: " + "; ".join(clashes)
        )
