# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common_soap import EcomCarrierSoapCase


class TestChronopost(EcomCarrierSoapCase):
    def test_chrono13_label_on_validate(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        parcel = picking.ecom_parcel_ids.with_env(self.env)
        self.assertEqual(len(parcel), 1)
        self.assertRegex(parcel.tracking_number, r"^XP\d{9}FR$")
        self.assertEqual(picking.carrier_tracking_ref, parcel.tracking_number)
        label = parcel.label_attachment_id
        self.assertEqual(label.name, f"LabelShipping-chronopost-{parcel.tracking_number}.pdf")
        self.assertEqual((label.res_model, label.res_id), ("stock.picking", picking.id))
        self.assertIn(parcel.tracking_number.encode(), label.raw)
        self.assertEqual(parcel.tracking_state, "label_created")
        self.assertIn(parcel.tracking_number, picking.carrier_tracking_url)
        (request,) = self._soap_calls(self.chronopost_server, "shippingMultiParcelV5")
        call = request.operation
        self.assertEqual(call.findtext("skybillValue/productCode"), "01")
        self.assertEqual(call.findtext("skybillValue/weight"), "1.200")
        self.assertEqual(call.findtext("recipientValue/recipientZipCode"), "75001")
        self.assertEqual(call.findtext("shipperValue/shipperZipCode"), "69002")

    def test_label_per_product_code(self):
        for code in ("01", "02", "16"):
            with self.subTest(code=code):
                self.chrono13.chronopost_product_code = code
                picking = self._ship(self.customer, self.chrono13)
                self._validate(picking)
                self.assertEqual(picking.state, "done")
                request = self._soap_calls(self.chronopost_server, "shippingMultiParcelV5")[-1]
                self.assertEqual(request.operation.findtext("skybillValue/productCode"), code)
                self.assertTrue(picking.ecom_parcel_ids.label_attachment_id)

    def test_multi_parcel_in_one_call(self):
        picking = self._ship(
            self.customer, self.chrono13, [(self.product_a, 2), (self.product_b, 1)]
        )
        packages = self._pack(picking, [[(self.product_a, 2)], [(self.product_b, 1)]])
        self._validate(picking)
        parcels = picking.ecom_parcel_ids.sorted("sequence")
        self.assertEqual(len(parcels), 2)
        self.assertEqual(parcels.package_id, packages)
        self.assertEqual(len(set(parcels.mapped("tracking_number"))), 2)
        for parcel in parcels:
            self.assertIn(parcel.tracking_number.encode(), parcel.label_attachment_id.raw)
        self.assertEqual(picking.carrier_tracking_ref, ",".join(parcels.mapped("tracking_number")))
        links = json.loads(picking.carrier_tracking_url)
        self.assertEqual([link[0] for link in links], parcels.mapped("tracking_number"))
        (request,) = self._soap_calls(self.chronopost_server, "shippingMultiParcelV5")
        self.assertEqual(request.operation.findtext("numberOfParcel"), "2")
        self.assertEqual(request.operation.findtext("multiParcel"), "Y")

    def test_relay_product_86(self):
        picking = self._ship(self.chrono_point, self.chrono_relay)
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        (request,) = self._soap_calls(self.chronopost_server, "shippingMultiParcelV5")
        call = request.operation
        self.assertEqual(call.findtext("skybillValue/productCode"), "86")
        self.assertEqual(call.findtext("refValue/recipientRef"), "2810R")
        self.assertEqual(call.findtext("recipientValue/recipientZipCode"), "75010")
        self.assertEqual(call.findtext("recipientValue/recipientContactName"), "Camille Martin")
        self.assertEqual(call.findtext("recipientValue/recipientMobilePhone"), "0612345678")

    def test_relay_product_needs_a_relay_point(self):
        picking = self._ship(self.customer, self.chrono_relay)
        caught = self._validate_fails(picking)
        self.assertIn(picking.name, str(caught))
        self._assert_nothing_validated(picking)
        self.assertFalse(self.chronopost_server.requests)

    def test_weight_over_the_limit(self):
        picking = self._ship(self.customer, self.chrono13, [(self.product_a, 26)])
        caught = self._validate_fails(picking)
        self.assertIn("31.2", str(caught))
        self._assert_nothing_validated(picking)

    def test_account_refused_in_http_200(self):
        self.chrono13.sudo().ecom_password = "wrong"
        picking = self._ship(self.customer, self.chrono13)
        caught = self._validate_fails(picking)
        self.assertIn("Invalid accesColis account number", str(caught))
        self._assert_nothing_validated(picking)

    def test_bad_postcode_in_http_200(self):
        self.customer_no_mobile.zip = "690"
        picking = self._ship(self.customer_no_mobile, self.chrono13)
        caught = self._validate_fails(picking)
        self.assertIn("Invalid recipient zip code", str(caught))
        self._assert_nothing_validated(picking)

    def test_soap_fault_and_service_down(self):
        picking = self._ship(self.customer, self.chrono13)
        self.chronopost_server.fault_next = "java.lang.NullPointerException"
        caught = self._validate_fails(picking)
        self.assertIn("NullPointerException", str(caught))
        self._assert_nothing_validated(picking)
        self.chronopost_server.faults.append(503)
        self._validate_fails(picking)
        self._assert_nothing_validated(picking)
        # the carrier is back: the same transfer validates
        self._validate(picking)
        self.assertEqual(picking.state, "done")

    def test_cancel_shipment(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        number = picking.ecom_parcel_ids.tracking_number
        picking.with_user(self.ecom_user).cancel_shipment()
        self.assertEqual(picking.ecom_parcel_ids.state, "cancelled")
        self.assertTrue(self.chronopost_server.skybills[number]["cancelled"])
        (request,) = self._soap_calls(self.chronopost_server, "cancelSkybill")
        self.assertEqual(request.operation.findtext("skybillNumber"), number)

    def test_cancel_unknown_parcel_is_refused(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        number = picking.ecom_parcel_ids.tracking_number
        self.chronopost_server.skybills.pop(number)
        with self.assertRaises(UserError) as caught:
            picking.with_user(self.ecom_user).cancel_shipment()
        self.assertIn("the parcel doesn't match account", str(caught.exception))
        self.assertEqual(picking.ecom_parcel_ids.state, "active")

    def test_regenerate_cancels_the_old_skybill(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        old = picking.ecom_parcel_ids
        picking.with_user(self.ecom_user).action_ecom_regenerate_labels()
        new = picking.ecom_parcel_ids.filtered(lambda p: p.state == "active")
        self.assertEqual(old.state, "cancelled")
        self.assertNotEqual(new.tracking_number, old.tracking_number)
        self.assertTrue(self.chronopost_server.skybills[old.tracking_number]["cancelled"])
        self.assertEqual(picking.carrier_tracking_ref, new.tracking_number)

    def test_tracking_sequence_to_delivered(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        parcel = picking.ecom_parcel_ids.with_env(self.env)
        number = parcel.tracking_number
        # queued by the cron, then the job body run
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking()
            trap.assert_jobs_count(1)
            (job,) = trap.enqueued_jobs
            self.assertEqual(job.channel, "root.carrier")
            self.assertEqual(job.recordset, self.chrono13)
            self.assertEqual(job.args, (parcel,))
            self.assertTrue(job.identity_key)
        # Chronopost down: the job is retried by the queue, nothing stored
        self.chronopost_server.faults.append(503)
        with self.assertRaises(RetryableJobError):
            self.chrono13._ecom_poll_tracking(parcel)
        self.chrono13._ecom_poll_tracking(parcel)
        self.assertEqual(parcel.tracking_state, "label_created")  # not scanned yet
        self.assertTrue(parcel.tracking_message)
        steps = [
            ("DC", "2026-03-02T17:01:00+01:00", "Envoi en cours de préparation", "label_created"),
            ("SC", "2026-03-02T23:40:00+01:00", "Tri effectué", "in_transit"),
            ("TA", "2026-03-03T08:10:00+01:00", "En cours de livraison", "out_for_delivery"),
            ("D", "2026-03-03T11:02:00+01:00", "Livraison effectuée", "delivered"),
        ]
        events = []
        for code, moment, label, state in steps:
            events.append((code, moment, label, "75001", "Paris 01"))
            self.chronopost_server.events[number] = list(events)
            self.chrono13._ecom_poll_tracking(parcel)
            self.assertEqual(parcel.tracking_state, state)
            self.assertEqual(picking.ecom_tracking_state, state)
        self.assertTrue(parcel.tracking_final)
        self.assertEqual(len(parcel.event_ids), 4)
        # final: not polled any more
        parcel.tracking_next_date = False
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking()
            trap.assert_jobs_count(0)

    def test_unknown_event_code_kept_in_transit(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        parcel = picking.ecom_parcel_ids.with_env(self.env)
        self.chronopost_server.events[parcel.tracking_number] = [
            ("DC", "2026-03-02T17:01:00+01:00", "Envoi en cours de préparation", "69002", ""),
            ("ZZ", "2026-03-02T19:00:00+01:00", "Événement inconnu", "69", ""),
        ]
        self.chrono13._ecom_poll_tracking(parcel)
        self.assertEqual(parcel.tracking_state, "in_transit")
        self.assertFalse(parcel.tracking_final)

    def test_rate_shipment(self):
        order = self._ship(self.customer, self.chrono13).sale_id
        self.assertEqual(self.chrono13.rate_shipment(order)["price"], 8.9)
        heavy = self._ship(self.customer, self.chrono_relay, [(self.product_a, 17)]).sale_id
        result = self.chrono_relay.rate_shipment(heavy)
        self.assertFalse(result["success"])
