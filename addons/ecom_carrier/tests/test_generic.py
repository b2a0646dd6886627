# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from .common import EcomCarrierCase


class TestGenericProvider(EcomCarrierCase):
    def test_typed_number(self):
        picking = self._ship(self.customer, self.generic_carrier)
        self._validate(picking)
        self.assertFalse(picking.carrier_tracking_ref)
        picking.with_user(self.ecom_user).carrier_tracking_ref = "XY123456789FR"
        parcel = picking.ecom_parcel_ids
        self.assertEqual(parcel.tracking_number, "XY123456789FR")
        self.assertEqual(
            picking.carrier_tracking_url, "https://suivi.example.com/?colis=XY123456789FR"
        )
        picking.carrier_tracking_ref = "XY123456789FR,XY000000002FR"
        self.assertEqual(len(picking.ecom_parcel_ids), 2)
        links = picking.get_multiple_carrier_tracking()
        self.assertEqual([link[0] for link in links], ["XY123456789FR", "XY000000002FR"])
        picking.carrier_tracking_ref = "XY000000002FR"
        self.assertEqual(
            picking.ecom_parcel_ids.filtered(lambda p: p.state == "active").tracking_number,
            "XY000000002FR",
        )

    def test_scanned_per_package(self):
        picking = self._ship(
            self.customer, self.generic_carrier, [(self.product_a, 1), (self.product_b, 1)]
        )
        packages = self._pack(picking, [[(self.product_a, 1)], [(self.product_b, 1)]])
        self._validate(picking)
        action = picking.with_user(self.ecom_user).action_ecom_enter_tracking()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.package_id, packages)
        for index, line in enumerate(wizard.line_ids.sorted("id")):
            line.tracking_number = f"SCAN{index}"
        wizard.action_confirm()
        self.assertEqual(picking.carrier_tracking_ref, "SCAN0,SCAN1")
        parcels = picking.ecom_parcel_ids
        self.assertEqual(parcels.package_id, packages)
        scan0 = parcels.filtered(lambda p: p.tracking_number == "SCAN0")
        self.assertEqual(scan0.package_id, wizard.line_ids.sorted("id")[0].package_id)

    def test_csv_import(self):
        first = self._ship(self.customer, self.generic_carrier)
        second = self._ship(self.customer_no_mobile, self.generic_carrier)
        self._validate(first)
        self._validate(second)
        content = (
            "Référence;Numéro de suivi;Poids\n"
            f"{first.name};GEN0001;1,2\n"
            f"{second.origin};GEN0002;0,5\n"
            f"{second.origin};GEN0003;0,5\n"
            "WH/OUT/99999;GEN0004;1\n"
        ).encode("latin-1")
        wizard = (
            self.env["ecom.carrier.tracking.import"]
            .with_user(self.ecom_user)
            .create(
                {
                    "carrier_id": self.generic_carrier.id,
                    "file": base64.b64encode(content),
                    "filename": "suivi.csv",
                }
            )
        )
        wizard.action_import()
        self.assertEqual(first.carrier_tracking_ref, "GEN0001")
        self.assertEqual(second.carrier_tracking_ref, "GEN0002,GEN0003")
        self.assertEqual(len(second.ecom_parcel_ids), 2)
        self.assertIn("WH/OUT/99999", wizard.result)
        self.assertIn("3", wizard.result.splitlines()[0])
        # imported again: nothing doubled
        wizard.action_import()
        self.assertEqual(second.carrier_tracking_ref, "GEN0002,GEN0003")
        self.assertEqual(json.loads(second.carrier_tracking_url)[1][0], "GEN0003")
