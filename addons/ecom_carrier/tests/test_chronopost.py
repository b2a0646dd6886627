# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from .common_soap import EcomCarrierSoapCase


class TestChronopost(EcomCarrierSoapCase):
    def test_chrono13_label_on_validate(self):
        picking = self._ship(self.customer, self.chrono13)
        (parcel,) = self._validate_with_labels(picking, "chronopost")
        self.assertRegex(parcel.tracking_number, r"^XP\d{9}FR$")
        self.assertIn(parcel.tracking_number.encode(), parcel.label_attachment_id.raw)
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
        parcels = self._validate_with_labels(picking, "chronopost", count=2)
        self.assertEqual(parcels.package_id, packages)
        for parcel in parcels:
            self.assertIn(parcel.tracking_number.encode(), parcel.label_attachment_id.raw)
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
        self._assert_validation_refused(picking, picking.name)
        self.assertFalse(self.chronopost_server.requests)

    def test_weight_over_the_limit(self):
        self._assert_shipping_refused(
            self.customer, self.chrono13, "31.2", lines=[(self.product_a, 26)]
        )

    def test_account_refused_in_http_200(self):
        self.chrono13.sudo().ecom_password = "wrong"
        self._assert_shipping_refused(
            self.customer, self.chrono13, "Invalid accesColis account number"
        )

    def test_bad_postcode_in_http_200(self):
        self.customer_no_mobile.zip = "690"
        self._assert_shipping_refused(
            self.customer_no_mobile, self.chrono13, "Invalid recipient zip code"
        )

    def test_soap_fault_and_service_down(self):
        picking = self._ship(self.customer, self.chrono13)
        self.chronopost_server.fault_next = "java.lang.NullPointerException"
        self._assert_validation_refused(picking, "NullPointerException")
        self.chronopost_server.faults.append(503)
        self._assert_validation_refused(picking)
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
        old, _new = self._validate_and_regenerate(self._ship(self.customer, self.chrono13))
        self.assertTrue(self.chronopost_server.skybills[old.tracking_number]["cancelled"])

    def test_tracking_sequence_to_delivered(self):
        picking = self._ship(self.customer, self.chrono13)
        self._validate(picking)
        parcel = picking.ecom_parcel_ids.with_env(self.env)
        number = parcel.tracking_number
        # queued by the cron, then the job body run
        (job,) = self._assert_polls_queued(1)
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
        self._assert_polls_queued(0)

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
