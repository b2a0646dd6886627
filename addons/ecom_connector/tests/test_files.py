# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import os
import tempfile

from .common import EcomConnectorCase

CSV_HEADER = (
    "order_id;reference;date;currency;status;paid;payment_method;customer_id;email;phone;"
    "billing_name;billing_street;billing_zip;billing_city;billing_country;"
    "sku;product_name;quantity;price_unit;tax_rate;line_discount;"
    "shipping_code;shipping_amount;shipping_tax_rate;total"
)
CSV_ROWS = [
    "M-1;AMZ-1;2026-11-21 10:00:00;EUR;shipped;1;amazon;C9;chloe@example.fr;0600000000;"
    "Chloé Bérard;4 rue Pasteur;75011;Paris;FR;THE-SENCHA;Thé;2;12,00;5,5;0;colissimo;4,90;20;"
    "57,80",
    "M-1;AMZ-1;2026-11-21 10:00:00;EUR;shipped;1;amazon;C9;chloe@example.fr;0600000000;"
    "Chloé Bérard;4 rue Pasteur;75011;Paris;FR;REVUE-THE;Revue;1;6,90;2,1;0;colissimo;4,90;20;"
    "57,80",
    "M-1;AMZ-1;2026-11-21 10:00:00;EUR;shipped;1;amazon;C9;chloe@example.fr;0600000000;"
    "Chloé Bérard;4 rue Pasteur;75011;Paris;FR;LIVRE-RECET;Livre;1;24,00;5,5;2,00;colissimo;"
    "4,90;20;57,80",
    "M-2;AMZ-2;2026-11-21 11:00:00;EUR;shipped;1;amazon;C10;hugo@example.fr;;"
    "Hugo Noël;9 bd Carnot;06000;Nice;FR;KIT-PLANT;Kit;1;18,50;10;0;colissimo;4,90;20;23,40",
]

XML_ORDER = """<?xml version="1.0" encoding="UTF-8"?>
<orders>
  <order>
    <external_id>X-1</external_id><reference>CD-77</reference>
    <currency>EUR</currency><paid>true</paid><payment_method>cdiscount</payment_method>
    <channel>Cdiscount</channel><total>29.10</total>
    <customer><external_id>CD-C1</external_id><email>lea@example.fr</email></customer>
    <billing_address><name>Léa Rousseau</name><street>2 allée des Tilleuls</street>
      <zip>44000</zip><city>Nantes</city><country_code>FR</country_code></billing_address>
    <lines>
      <line><sku>THE-SENCHA</sku><quantity>2</quantity><price_unit>12.00</price_unit>
        <tax_rate>5.5</tax_rate></line>
    </lines>
    <shipping><code>colissimo</code><amount>5.10</amount><tax_rate>20</tax_rate></shipping>
  </order>
</orders>
"""


class TestFiles(EcomConnectorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.file_backend = cls.backend.copy({"name": "Marketplace (fichiers)", "platform": "file"})

    def _upload(self, content, filename):
        wizard = (
            self.env["ecom.file.upload"]
            .with_user(self.ecom_user)
            .create(
                {
                    "backend_id": self.file_backend.id,
                    "file": base64.b64encode(content.encode()),
                    "filename": filename,
                }
            )
        )
        action = wizard.action_upload()
        return self.env["ecom.inbox"].browse(action["res_id"])

    def test_csv_file(self):
        entry = self._upload("\n".join([CSV_HEADER, *CSV_ROWS]), "amazon-2026-11-21.csv")
        self.assertEqual(entry.state, "done", entry.error)
        self.assertEqual(len(entry.child_ids), 2)
        self.assertEqual(
            set(entry.child_ids.mapped("state")), {"done"}, entry.child_ids.mapped("error")
        )
        first = entry.child_ids.filtered(lambda e: e.external_id == "M-1").sale_order_id
        self.assertEqual(len(first.order_line.filtered(lambda line: not line.is_delivery)), 4)
        self.assertAlmostEqual(first.amount_total, 57.80)
        self.assertEqual(first.partner_id.name, "Chloé Bérard")
        self.assertEqual(len(self.bound_orders(self.file_backend)), 2)

    def test_xml_file(self):
        entry = self._upload(XML_ORDER, "cdiscount.xml")
        self.assertEqual(entry.child_ids.state, "done", entry.child_ids.error)
        sale = entry.child_ids.sale_order_id
        self.assertEqual(sale.ecom_channel, "Cdiscount")
        self.assertAlmostEqual(sale.amount_total, 29.10)

    def test_folder_intake(self):
        root = tempfile.mkdtemp()
        self.env["ir.config_parameter"].set_param("ecom_base.file_root", root)
        folder = os.path.join(root, "shop")
        os.mkdir(folder)
        with open(os.path.join(folder, "orders.csv"), "w", encoding="utf-8") as handle:
            handle.write("\n".join([CSV_HEADER, CSV_ROWS[3]]))
        self.file_backend.file_folder = folder
        self.backend.sync_interval = 0  # only the folder is read here
        self.env["ecom.backend"]._cron_import_orders()
        # the file moves once its inbox entry is committed
        self.assertTrue(os.path.exists(os.path.join(folder, "orders.csv")))
        self.env.cr.postcommit.run()
        self.assertTrue(os.path.exists(os.path.join(folder, "done", "orders.csv")))
        self.assertFalse(os.path.exists(os.path.join(folder, "orders.csv")))
        self.assertEqual(len(self.bound_orders(self.file_backend)), 1)

    def test_malformed_files(self):
        bomb = (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            "<orders><order><external_id>&lol2;</external_id></order></orders>"
        )
        external = (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<orders><order><external_id>&x;</external_id></order></orders>"
        )
        header = CSV_HEADER
        corpus = [
            ("bad.xml", "<orders><order>"),
            ("bomb.xml", bomb),
            ("xxe.xml", external),
            ("empty.xml", "<orders/>"),
            ("other-root.xml", "<commandes><order/></commandes>"),
            ("empty-order.xml", "<orders><order/></orders>"),
            ("not-xml.xml", "<<<>>>"),
            ("no-line.xml", XML_ORDER.replace("<lines>", "<x>").replace("</lines>", "</x>")),
            ("unknown-sku.xml", XML_ORDER.replace("THE-SENCHA", "ZZZ")),
            ("bad-qty.xml", XML_ORDER.replace("<quantity>2</quantity>", "<quantity>-1</quantity>")),
            ("wrong-total.xml", XML_ORDER.replace("<total>29.10", "<total>30.00")),
            ("no-country.xml", XML_ORDER.replace("<country_code>FR</country_code>", "")),
            ("empty.csv", ""),
            ("header-only.csv", header),
            ("missing-columns.csv", "order_id;sku\nM-9;THE-SENCHA"),
            ("extra-field.csv", header + "\n" + CSV_ROWS[3] + ";surplus"),
            ("bad-number.csv", header + "\n" + CSV_ROWS[3].replace("18,50", "dix-huit")),
            ("no-order-id.csv", header + "\n" + CSV_ROWS[3].replace("M-2;", ";", 1)),
            ("negative.csv", header + "\n" + CSV_ROWS[3].replace(";1;18,50", ";-1;18,50")),
            ("unknown-sku.csv", header + "\n" + CSV_ROWS[3].replace("KIT-PLANT", "NOPE")),
            ("wrong-total.csv", header + "\n" + CSV_ROWS[3].replace("23,40", "99,99")),
            ("binary.csv", "\x00\x01\x02garbage"),
        ]
        row = CSV_ROWS[3]
        corpus += [
            (f"more-{n}.csv", header + "\n" + content.replace("M-2;", f"M-{100 + n};", 1))
            for n, content in enumerate(
                [
                    row.replace("23,40", ""),  # no total
                    row.replace(";FR;KIT", ";XX;KIT"),  # unknown country
                    row.replace(";9 bd Carnot;", ";;"),  # no street
                    row.replace(";1;18,50;", ";1;-18,50;"),  # negative price
                    row.replace(";1;18,50;", ";1;dix;"),  # price not a number
                    row.replace(";18,50;10;", ";18,50;7;"),  # unmapped rate
                    row.replace(";18,50;10;0;", ";18,50;10;30;"),  # discount above the line
                    row.replace(";EUR;", ";ZZZ;"),  # unknown currency
                    row.replace(";colissimo;", ";pigeon;"),  # unmapped carrier
                    row.replace(";KIT-PLANT;Kit;1;", ";KIT-PLANT;Kit;0;"),  # zero quantity
                ]
            )
        ]
        corpus += [
            (f"more-{n}.xml", content.replace("<external_id>X-1<", f"<external_id>X-{100 + n}<"))
            for n, content in enumerate(
                [
                    XML_ORDER.replace("<total>29.10</total>", ""),
                    XML_ORDER.replace("<price_unit>12.00", "<price_unit>-12.00"),
                    XML_ORDER.replace("<price_unit>12.00", "<price_unit>douze"),
                    XML_ORDER.replace("<tax_rate>5.5", "<tax_rate>7"),
                    XML_ORDER.replace("<currency>EUR", "<currency>ZZZ"),
                    XML_ORDER.replace("<code>colissimo", "<code>pigeon"),
                    XML_ORDER.replace("<external_id>X-1</external_id>", ""),
                    XML_ORDER.replace("<sku>THE-SENCHA</sku>", ""),
                    XML_ORDER.replace("<amount>5.10", "<amount>-5.10"),
                    '<!DOCTYPE orders SYSTEM "http://127.0.0.1:9/orders.dtd">'
                    + XML_ORDER.split("?>", 1)[1],
                ]
            )
        ]
        self.assertGreaterEqual(len([c for c in corpus if c[0].endswith(".csv")]), 20)
        self.assertGreaterEqual(len([c for c in corpus if c[0].endswith(".xml")]), 20)
        for filename, content in corpus:
            with self.subTest(filename):
                entry = self._upload(content, filename)
                failed = entry if entry.state == "error" else entry.child_ids
                self.assertEqual(set(failed.mapped("state")), {"error"}, filename)
                self.assertTrue(all(failed.mapped("error")), filename)
        orders = self.bound_orders(self.file_backend)
        # the two wrong totals are kept as drafts to check, nothing else was created
        self.assertEqual(len(orders), 2)
        self.assertEqual(set(orders.mapped("state")), {"draft"})
