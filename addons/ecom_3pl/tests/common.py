# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging
import os
import shutil
import tempfile

import paramiko

from odoo import Command

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase
from odoo.addons.queue_job.tests.common import trap_jobs

from .sftp_server import LocalSftpServer


class Ecom3plCase(EcomFrenchCompanyCase):
    """Test base of ecom_3pl: a warehouse run by a provider reached by SFTP.

    Built once per class in ``setUpClass`` (mail tracking disabled), on top of
    :class:`EcomFrenchCompanyCase` (``company``, ``ecom_user``,
    ``ecom_manager``, ``env_user``, ``env_manager``):

    - ``ecom_user`` and ``ecom_manager`` are also *Inventory / User* and
      *Purchase / User*; ``ecom_manager`` is *Inventory / Administrator*
      (inventory adjustments).
    - ``sftp_root``: a temporary folder with ``in``, ``out``, ``archive`` and
      ``errors``, emptied before each test; ``sftp``: a :class:`LocalSftpServer` serving it on
      127.0.0.1 (login ``logi`` / ``s3cret`` and the public key of
      ``client_key``; its host key generated for the run).
    - ``warehouse``: the company's warehouse (one-step receipts and deliveries),
      ``stock_location``; ``customer`` (Lyon), ``supplier``.
    - ``product_a`` (``SKU-A``, barcode 3700000000017, 20 in stock),
      ``product_b`` (``SKU-B``, 10 in stock), ``product_c`` (``SKU-C``, 4 in
      stock, not in the orders), all storable.
    - ``provider``: the provider of ``warehouse`` on the SFTP server, password
      authentication, host key set, the generic CSV formats for every flow.

    Helpers: ``_create_delivery(lines)`` (procurement, then ``action_assign``),
    ``_create_purchase(lines)`` (confirmed purchase order, its receipt),
    ``_run()`` / ``_sync()`` (the job bodies, as ``ecom_manager``; ``_run``
    checks that the sync job is queued), ``_drop(name, text)`` (a file in the
    server's ``in`` folder), ``_csv(header, rows)``.
    """

    ecom_user_groups = (
        "base.group_user",
        "account.group_account_invoice",
        "stock.group_stock_user",
        "purchase.group_purchase_user",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        logging.getLogger("paramiko").setLevel(logging.CRITICAL)
        cls.ecom_manager.groups_id |= cls.env.ref("stock.group_stock_manager")
        cls.sftp_root = tempfile.mkdtemp(prefix="ecom_3pl_sftp_")
        cls.addClassCleanup(shutil.rmtree, cls.sftp_root, True)
        for folder in ("in", "out", "archive", "errors"):
            os.mkdir(os.path.join(cls.sftp_root, folder))
        cls.client_key = paramiko.ECDSAKey.generate()
        cls.sftp = LocalSftpServer(cls.sftp_root, authorized_keys=[cls.client_key]).start()
        cls.addClassCleanup(cls.sftp.stop)

        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Camille Martin",
                "street": "3 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.country_fr.id,
                "email": "camille@example.com",
                "phone": "+33 4 72 00 00 00",
            }
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Fournisseur Jardin SARL", "country_id": cls.country_fr.id}
        )
        Product = cls.env["product.product"]
        cls.product_a = Product.create(
            {
                "name": "Arrosoir 10 L",
                "default_code": "SKU-A",
                "barcode": "3700000000017",
                "is_storable": True,
            }
        )
        cls.product_b = Product.create(
            {"name": "Sécateur", "default_code": "SKU-B", "is_storable": True}
        )
        cls.product_c = Product.create(
            {"name": "Gants de jardin", "default_code": "SKU-C", "is_storable": True}
        )
        Quant = cls.env["stock.quant"]
        for product, quantity in ((cls.product_a, 20), (cls.product_b, 10), (cls.product_c, 4)):
            Quant._update_available_quantity(product, cls.stock_location, quantity)
        key_text = io.StringIO()
        cls.client_key.write_private_key(key_text)
        cls.client_key_text = key_text.getvalue()
        cls.provider = cls.env["ecom.3pl.provider"].create(
            {
                "name": "Logistique Rhône",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "transport": "sftp",
                "sftp_host": "127.0.0.1",
                "sftp_port": cls.sftp.port,
                "sftp_username": "logi",
                "sftp_password": "s3cret",
                "sftp_host_key": cls.sftp.host_key_line,
                "timeout": 5,
                "order_format_id": cls.env.ref("ecom_3pl.ecom_3pl_format_csv_order").id,
                "asn_format_id": cls.env.ref("ecom_3pl.ecom_3pl_format_csv_asn").id,
                "shipment_format_id": cls.env.ref("ecom_3pl.ecom_3pl_format_csv_shipment").id,
                "receipt_format_id": cls.env.ref("ecom_3pl.ecom_3pl_format_csv_receipt").id,
                "stock_format_id": cls.env.ref("ecom_3pl.ecom_3pl_format_csv_stock").id,
            }
        )

    def setUp(self):
        super().setUp()
        # the database is rolled back after each test, the server's folders too
        for folder in ("in", "out", "archive", "errors"):
            path = os.path.join(self.sftp_root, folder)
            for name in os.listdir(path):
                os.remove(os.path.join(path, name))

    # ------------------------------------------------------------ builders

    def _create_delivery(self, lines, partner=None):
        """Outgoing picking of the warehouse through procurement, reserved."""
        partner = partner or self.customer
        group = self.env["procurement.group"].create(
            {"name": f"SO-TEST-{len(lines)}-{partner.id}", "partner_id": partner.id}
        )
        Procurement = self.env["procurement.group"].Procurement
        self.env["procurement.group"].run(
            [
                Procurement(
                    product,
                    quantity,
                    product.uom_id,
                    partner.property_stock_customer,
                    product.name,
                    group.name,
                    self.company,
                    {
                        "warehouse_id": self.warehouse,
                        "group_id": group,
                        "partner_id": partner.id,
                    },
                )
                for product, quantity in lines
            ]
        )
        picking = self.env["stock.picking"].search([("group_id", "=", group.id)])
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_id, self.warehouse.out_type_id)
        picking.action_assign()
        return picking

    def _create_purchase(self, lines):
        order = self.env(user=self.ecom_manager)["purchase.order"].create(
            {
                "partner_id": self.supplier.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_qty": quantity, "price_unit": 4.0}
                    )
                    for product, quantity in lines
                ],
            }
        )
        order.button_confirm()
        return order, order.picking_ids

    def _provider(self):
        return self.provider.with_user(self.ecom_manager)

    def _run(self, expect_sync=True):
        """Body of the run job; asserts the sync job is queued after it."""
        with trap_jobs() as trap:
            result = self._provider()._job_run()
            if expect_sync:
                trap.assert_jobs_count(1, only=self.provider._job_sync)
                trap.assert_enqueued_job(
                    self.provider._job_sync,
                    properties={
                        "channel": "root.ecom",
                        "identity_key": f"ecom_3pl_sync_{self.provider.id}",
                    },
                )
        return result

    def _sync(self):
        return self._provider()._job_sync()

    def _drop(self, name, content):
        if isinstance(content, str):
            content = content.encode()
        with open(os.path.join(self.sftp_root, "in", name), "wb") as handle:
            handle.write(content)

    def _csv(self, header, rows):
        lines = [";".join(header)] + [";".join(str(v) for v in row) for row in rows]
        return "\r\n".join(lines) + "\r\n"

    def _remote(self, folder):
        return sorted(os.listdir(os.path.join(self.sftp_root, folder)))

    def _files(self, **domain):
        return self.env["ecom.3pl.file"].search(
            [("provider_id", "=", self.provider.id)] + [(k, "=", v) for k, v in domain.items()],
            order="id",
        )

    def _ship_rows_header(self):
        return ("order_ref", "product_code", "quantity", "lot", "tracking_ref", "carrier", "weight")
