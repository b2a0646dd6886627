# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import shutil

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import Ecom3plCase


class TestSecurity(Ecom3plCase):
    def test_credentials_are_for_managers(self):
        provider = self.provider.with_user(self.ecom_user)
        self.assertEqual(provider.name, "Logistique Rhône")
        with self.assertRaises(AccessError):
            provider.read(["sftp_password"])
        with self.assertRaises(AccessError):
            provider.write({"sftp_host": "example.com"})
        self.assertEqual(self.provider.with_user(self.ecom_manager).sftp_password, "s3cret")

    def test_server_folder_for_system_administrators_under_the_root(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.provider.with_user(self.ecom_manager).write(
                {"transport": "folder", "folder_path": "/tmp"}
            )
        root = self.env["ecom.3pl.provider"]._get_folder_root()
        with self.assertRaises(ValidationError):
            self.provider.write({"transport": "folder", "folder_path": "/etc"})
        with self.assertRaises(ValidationError):
            self.provider.write(
                {"transport": "folder", "folder_path": os.path.join(root, "..", "..")}
            )
        self.provider.write({"transport": "folder", "folder_path": os.path.join(root, "logi")})
        self.assertEqual(self.provider.transport, "folder")

    def test_folder_flow(self):
        """The same flows over a server folder."""
        root = os.path.join(self.sftp_root, "share")
        self.env["ir.config_parameter"].set_param("ecom_3pl.folder_root", self.sftp_root)
        for folder in ("in", "out"):
            os.makedirs(os.path.join(root, folder))
        self.provider.write({"transport": "folder", "folder_path": root})
        picking = self._create_delivery([(self.product_b, 1)])
        self._run()
        self._sync()
        self.assertEqual(len(os.listdir(os.path.join(root, "out"))), 1)
        with open(os.path.join(root, "in", "SHIP_F.csv"), "w", encoding="utf-8") as handle:
            handle.write(
                self._csv(
                    self._ship_rows_header(), [(picking.name, "SKU-B", "1", "", "T9", "", "")]
                )
            )
        self._run()
        self._sync()
        self.assertEqual(picking.state, "done")
        self.assertEqual(os.listdir(os.path.join(root, "archive")), ["SHIP_F.csv"])
        shutil.rmtree(root)

    def test_multi_company(self):
        """Files and providers of another company are invisible."""
        self._create_delivery([(self.product_a, 1)])
        self._run()
        other = self.env["res.company"].create({"name": "Autre Boutique"})
        user = self._create_ecom_user(
            "other_user", ("ecom_base.ecom_base_group_manager", "stock.group_stock_user")
        )
        user.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        env = self.env(user=user, context={"allowed_company_ids": other.ids})
        self.assertFalse(env["ecom.3pl.provider"].search([]))
        self.assertFalse(env["ecom.3pl.file"].search([]))
        self.assertFalse(env["ecom.3pl.file.line"].search([]))
        self.assertTrue(env["ecom.3pl.format"].search([]))  # shared presets
        with self.assertRaises(UserError):
            # the warehouse belongs to the first company
            self.provider.company_id = other
