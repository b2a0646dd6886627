# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xmlrpc.client

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestValidationGuard(PickingControlCase):
    def test_form_validation_refused_while_unmet(self):
        picking = self._make_delivery([(self.mug, 1)])
        form = Form(picking.with_env(self.env_user))
        with self.assertRaisesRegex(UserError, "1 unit"):
            form.record.button_validate()
        self.assertEqual(picking.state, "assigned")
        self._scan(picking, "3760000000017")
        with self.assertRaisesRegex(UserError, "not weighed"):
            picking.with_env(self.env_user).button_validate()
        self._station().ecom_weigh(picking.id, "0.5")
        picking.with_env(self.env_user).button_validate()
        self.assertEqual(picking.state, "done")

    def test_list_action_refused_for_the_whole_selection(self):
        first = self._make_delivery([(self.mug, 1)])
        second = self._make_delivery([(self.tshirt, 1)])
        self._scan(first, "3760000000017")
        self._station().ecom_weigh(first.id, "0.5")
        with self.assertRaisesRegex(UserError, second.name):
            (first | second).with_env(self.env_user).button_validate()
        self.assertEqual((first | second).mapped("state"), ["assigned", "assigned"])

    def test_types_without_control_validate_as_before(self):
        self.out_type.ecom_control_enabled = False
        picking = self._make_delivery([(self.mug, 1)])
        picking.with_env(self.env_user).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertFalse(picking.ecom_control_status)

    def test_installed_types_start_switched_off(self):
        other = self.env["stock.warehouse"].create(
            {"name": "Entrepôt 2", "code": "WH2", "company_id": self.company.id}
        )
        self.assertFalse(other.out_type_id.ecom_control_enabled)
        self.assertEqual(other.out_type_id.ecom_scan_mode, "unit")
        self.assertEqual(other.out_type_id.ecom_weight_check, "warn")
        self.assertEqual(other.out_type_id.ecom_weight_tolerance_g, 50)
        self.assertEqual(other.out_type_id.ecom_weight_tolerance_pct, 5)
        self.assertTrue(other.out_type_id.ecom_override_allowed)
        other.reception_steps = "one_step"
        other.delivery_steps = "pick_pack_ship"
        other.action_ecom_enable_packing_control()
        self.assertTrue(other.pack_type_id.ecom_control_enabled)
        self.assertFalse(other.out_type_id.ecom_control_enabled)
        self.assertTrue(other.in_type_id.ecom_reception_check)

    def test_override_wizard_from_the_form(self):
        picking = self._make_delivery([(self.mug, 1)])
        action = picking.with_env(self.env_manager).action_ecom_override()
        wizard = Form(self.env_manager[action["res_model"]].with_context(**action["context"]))
        wizard.reason = "Échantillon offert"
        wizard.save().action_confirm()
        picking.with_env(self.env_user).button_validate()
        self.assertEqual(picking.state, "done")
        with self.assertRaisesRegex(UserError, "manager"):
            other = self._make_delivery([(self.mug, 1)])
            other.with_env(self.env_user)._ecom_override("Je suis pressé")


@tagged("post_install", "-at_install")
class TestValidationGuardRpc(HttpCase, PickingControlCase):
    def test_external_api_refused_while_unmet(self):
        picking = self._make_delivery([(self.mug, 1)])
        models = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object")
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            models.execute_kw(
                self.env.cr.dbname,
                self.ecom_user.id,
                "ecom_user",
                "stock.picking",
                "button_validate",
                [[picking.id]],
            )
        self.assertIn(
            "packing station",
            caught.exception.faultString.lower().replace("poste d'emballage", "packing station"),
        )
        picking.invalidate_recordset()
        self.assertEqual(picking.state, "assigned")
