# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from odoo import fields

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomCarrierCase
from .servers.base import Response


class TestTrackingLaPoste(EcomCarrierCase):
    """Colissimo parcels tracked through La Poste Suivi v2."""

    def _shipped(self, count=1, carrier=None, partner=None):
        pickings = self.env["stock.picking"]
        for _i in range(count):
            picking = self._ship(partner or self.customer, carrier or self.colissimo_home)
            self._validate(picking)
            pickings |= picking
        return pickings

    def _poll(self, parcels):
        return self.colissimo_home._ecom_poll_tracking(parcels)

    def test_cron_queues_jobs(self):
        """The cron queues one job per chunk on the carrier channel with an
        identity key, and does not queue the same parcels twice."""
        pickings = self._shipped(3)
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking(chunk_size=2)
            trap.assert_jobs_count(2)
            trap.assert_enqueued_job(
                self.colissimo_home._ecom_poll_tracking,
                args=(pickings.ecom_parcel_ids[:2],),
                properties={"channel": "root.carrier"},
            )
            self.assertTrue(all(job.identity_key for job in trap.enqueued_jobs))
            self.env["delivery.carrier"]._cron_ecom_poll_tracking(chunk_size=2)
            trap.assert_jobs_count(2)

    def test_home_delivery_sequence_stops_when_final(self):
        picking = self._shipped()
        parcel = picking.ecom_parcel_ids
        number = parcel.tracking_number
        server = self.laposte_server
        server.add_event(number, "DR1", "2026-11-20T09:00:00+01:00")
        self._poll(parcel)
        self.assertEqual(parcel.tracking_state, "label_created")
        server.add_event(number, "PC1", "2026-11-20T18:00:00+01:00")
        server.add_event(number, "ET1", "2026-11-21T03:00:00+01:00")
        self._poll(parcel)
        self.assertEqual(parcel.tracking_state, "in_transit")
        self.assertEqual(picking.ecom_tracking_state, "in_transit")
        server.add_event(number, "MD2", "2026-11-21T08:00:00+01:00")
        self._poll(parcel)
        self.assertEqual(picking.ecom_tracking_state, "out_for_delivery")
        server.add_event(number, "DI1", "2026-11-21T12:30:00+01:00", final=True)
        self._poll(parcel)
        self.assertEqual(parcel.tracking_state, "delivered")
        self.assertTrue(parcel.tracking_final)
        self.assertEqual(picking.ecom_tracking_state, "delivered")
        events = parcel.event_ids.sorted("date")
        self.assertEqual(events.mapped("code"), ["DR1", "PC1", "ET1", "MD2", "DI1"])
        self.assertEqual(events[-1].date, datetime(2026, 11, 21, 11, 30))
        self.assertEqual(events[-1].label, "Votre colis est livré.")
        self.assertEqual(picking.ecom_tracking_event_ids, parcel.event_ids)
        # final: not polled again
        requests = len(server.requests)
        self._assert_polls_queued(0)
        self._poll(parcel)
        self.assertEqual(len(server.requests), requests)

    def test_state_change_notified_once(self):
        """The bridge hook is called once per change, not per poll."""
        picking = self._shipped()
        number = picking.ecom_parcel_ids.tracking_number
        self.laposte_server.add_event(number, "PC1", "2026-11-20T18:00:00+01:00")
        calls = []
        original = type(picking)._ecom_carrier_tracking_state_changed

        def spy(record, old_state, new_state):
            calls.append((record.id, old_state, new_state))
            return original(record, old_state, new_state)

        with patch.object(type(picking), "_ecom_carrier_tracking_state_changed", spy):
            self._poll(picking.ecom_parcel_ids)
            self._poll(picking.ecom_parcel_ids)
            self.laposte_server.add_event(number, "AG1", "2026-11-21T10:00:00+01:00")
            self._poll(picking.ecom_parcel_ids)
            self._poll(picking.ecom_parcel_ids)
        self.assertEqual(
            calls,
            [
                (picking.id, "label_created", "in_transit"),
                (picking.id, "in_transit", "available_for_pickup"),
            ],
        )

    def test_incident_activity_and_filter(self):
        picking = self._shipped()
        number = picking.ecom_parcel_ids.tracking_number
        self.laposte_server.add_event(number, "PC1", "2026-11-20T18:00:00+01:00")
        self.laposte_server.add_event(number, "ND1", "2026-11-21T11:00:00+01:00")
        self._poll(picking.ecom_parcel_ids)
        self.assertEqual(picking.ecom_tracking_state, "incident")
        activity = picking.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn(number, activity.note)
        found = self.env["stock.picking"].search([("ecom_tracking_state", "=", "incident")])
        self.assertIn(picking, found)
        # resolved, then a second incident: a second activity
        self.laposte_server.add_event(number, "PB2", "2026-11-21T15:00:00+01:00")
        self._poll(picking.ecom_parcel_ids)
        self.assertEqual(picking.ecom_tracking_state, "in_transit")
        self.laposte_server.add_event(number, "PB1", "2026-11-22T09:00:00+01:00")
        self._poll(picking.ecom_parcel_ids)
        self.assertEqual(len(picking.activity_ids), 2)

    def test_multi_status_207(self):
        """12 parcels: two requests (10 + 2); per-number returnCode: 200 read,
        104 not yet available (no error, still polled), final ones stop."""
        pickings = self._shipped(12)
        parcels = pickings.ecom_parcel_ids
        for parcel in parcels[:6]:
            self.laposte_server.add_event(
                parcel.tracking_number, "PC1", "2026-11-20T18:00:00+01:00"
            )
        self.laposte_server.add_event(
            parcels[0].tracking_number, "DI1", "2026-11-21T12:00:00+01:00", final=True
        )
        before = len(self.laposte_server.requests)
        self._poll(parcels)
        requests = self.laposte_server.requests[before:]
        self.assertEqual(len(requests), 2)
        self.assertEqual(len(requests[0].path.split("/")[-1].split(",")), 10)
        self.assertEqual(requests[0].param("lang"), "fr_FR")
        self.assertEqual(parcels[0].tracking_state, "delivered")
        self.assertTrue(parcels[0].tracking_final)
        self.assertEqual(set(parcels[1:6].mapped("tracking_state")), {"in_transit"})
        waiting = parcels[6:]
        self.assertEqual(set(waiting.mapped("tracking_state")), {"label_created"})
        self.assertFalse(any(waiting.mapped("tracking_final")))
        self.assertIn("pas encore disponible", waiting[0].tracking_message)
        self.assertFalse(waiting.event_ids)

    def test_unknown_code_kept_in_transit(self):
        picking = self._shipped()
        parcel = picking.ecom_parcel_ids
        self.laposte_server.add_event(parcel.tracking_number, "ZZ9", "2026-11-20T18:00:00+01:00")
        with self.assertLogs(
            "odoo.addons.ecom_carrier.models.ecom_carrier_parcel", "WARNING"
        ) as log:
            self._poll(parcel)
        self.assertIn("ZZ9", log.output[0])
        self.assertEqual(parcel.tracking_state, "in_transit")
        self.assertTrue(parcel.event_ids.unknown_code)

    def test_code_table_is_editable(self):
        picking = self._shipped()
        parcel = picking.ecom_parcel_ids
        code = self.env.ref("ecom_carrier.ecom_carrier_event_code_laposte_ep1")
        code.with_user(self.ecom_manager).state = "available_for_pickup"
        self.laposte_server.add_event(parcel.tracking_number, "EP1", "2026-11-20T18:00:00+01:00")
        self._poll(parcel)
        self.assertEqual(parcel.tracking_state, "available_for_pickup")

    def test_return_to_sender(self):
        picking = self._shipped()
        parcel = picking.ecom_parcel_ids
        server = self.laposte_server
        server.add_event(parcel.tracking_number, "PC1", "2026-11-20T18:00:00+01:00")
        server.add_event(parcel.tracking_number, "RE1", "2026-11-24T10:00:00+01:00")
        self._poll(parcel)
        self.assertEqual(parcel.tracking_state, "returned")
        self.assertFalse(parcel.tracking_final)
        server.add_event(parcel.tracking_number, "DI2", "2026-11-27T10:00:00+01:00", final=True)
        self._poll(parcel)
        self.assertTrue(parcel.tracking_final)
        self.assertEqual(picking.ecom_tracking_state, "returned")

    def test_multi_parcel_state_is_least_advanced(self):
        picking = self._ship(
            self.customer, self.colissimo_home, [(self.product_a, 1), (self.product_b, 1)]
        )
        self._pack(picking, [[(self.product_a, 1)], [(self.product_b, 1)]])
        self._validate(picking)
        first, second = picking.ecom_parcel_ids.sorted("sequence")
        server = self.laposte_server
        server.add_event(first.tracking_number, "DI1", "2026-11-21T12:00:00+01:00", final=True)
        server.add_event(second.tracking_number, "ET1", "2026-11-21T12:00:00+01:00")
        self._poll(picking.ecom_parcel_ids)
        self.assertEqual(picking.ecom_tracking_state, "in_transit")
        server.add_event(second.tracking_number, "DI1", "2026-11-22T12:00:00+01:00", final=True)
        self._poll(picking.ecom_parcel_ids)
        self.assertEqual(picking.ecom_tracking_state, "delivered")

    def test_throttled_first_batch_retries_through_queue(self):
        picking = self._shipped()
        self.laposte_server.faults.append(429)
        with self.assertRaises(RetryableJobError) as error:
            self._poll(picking.ecom_parcel_ids)
        self.assertEqual(error.exception.seconds, 2)

    def test_throttled_later_batch_postponed(self):
        """429 on the second request: the first batch is stored, the rest
        goes to a new job after La Poste's delay."""
        pickings = self._shipped(12)
        parcels = pickings.ecom_parcel_ids
        for parcel in parcels:
            self.laposte_server.add_event(
                parcel.tracking_number, "PC1", "2026-11-20T18:00:00+01:00"
            )
        original = type(self.laposte_server).route
        calls = []

        def route(server, request):
            calls.append(request)
            if len(calls) == 2:
                return server.fault_response(429)
            return original(server, request)

        with patch.object(type(self.laposte_server), "route", route), trap_jobs() as trap:
            self._poll(parcels)
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.colissimo_home._ecom_poll_tracking,
                args=(parcels[10:],),
                properties={"channel": "root.carrier"},
            )
            job = trap.enqueued_jobs[0]
            self.assertGreater(job.eta, fields.Datetime.now())
        self.assertEqual(set(parcels[:10].mapped("tracking_state")), {"in_transit"})
        self.assertEqual(set(parcels[10:].mapped("tracking_state")), {"label_created"})
        trap.perform_enqueued_jobs()
        self.assertEqual(set(parcels[10:].mapped("tracking_state")), {"in_transit"})

    def test_refresh_button_queues_job(self):
        picking = self._shipped()
        self.assertEqual(picking.ecom_tracking_state, "label_created")
        with trap_jobs() as trap:
            picking.with_user(self.ecom_user).action_ecom_refresh_tracking()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                self.colissimo_home._ecom_poll_tracking,
                args=(picking.ecom_parcel_ids,),
                properties={"channel": "root.carrier"},
            )

    def test_old_labels_not_polled_for_ever(self):
        picking = self._shipped()
        self.env.cr.execute(
            "UPDATE ecom_carrier_parcel SET create_date = now() - interval '90 days' WHERE id = %s",
            [picking.ecom_parcel_ids.id],
        )
        self._assert_polls_queued(0)

    def test_bare_404_is_not_yet_known(self):
        """An unknown number may come back as a 404 without JSON."""
        picking = self._shipped()

        def route(server, request):
            return Response(404, b"Not Found", content_type="text/plain")

        with patch.object(type(self.laposte_server), "route", route):
            self._poll(picking.ecom_parcel_ids)
        self.assertEqual(picking.ecom_parcel_ids.tracking_state, "label_created")
        self.assertTrue(picking.ecom_parcel_ids.tracking_message)

    def test_bad_key_is_kept_on_parcels(self):
        picking = self._shipped()
        self.colissimo_home.ecom_tracking_api_key = "b" * 64
        self._poll(picking.ecom_parcel_ids)
        self.assertIn("X-Okapi-Key", picking.ecom_parcel_ids.tracking_message)
