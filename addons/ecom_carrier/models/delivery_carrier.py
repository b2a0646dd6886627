# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The carrier framework on ``delivery.carrier``: the settings every provider
shares and the generic half of the provider contract.  Each provider file
(``delivery_carrier_<name>.py``) implements the ``<type>_ecom_*`` hooks
documented in ``carriers/README-framework.md``."""

import json
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from ..carriers.base import CarrierError, CarrierRetryableError

_logger = logging.getLogger(__name__)

MANAGER = "ecom_base.ecom_base_group_manager"


def manager_setting(string, help_text):
    """A carrier setting only E-commerce managers read or write: account,
    credentials, web-service endpoints (the field names are the stored ones)."""
    return fields.Char(string=string, groups=MANAGER, help=help_text)


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    ecom_label_format = fields.Selection(
        [("pdf", "PDF"), ("zpl", "ZPL (thermal printer)")],
        string="Label Format",
        default="pdf",
        help="Format of the shipping labels the carrier returns.",
    )
    ecom_account_number = manager_setting(
        "Account Number",
        "Contract, account, brand (Enseigne) or user id at the carrier.",
    )
    ecom_password = manager_setting(
        "Password",
        "Password or private key of the account at the carrier.",
    )
    ecom_api_key = manager_setting(
        "API Key",
        "API key of the carrier's web service, when it uses one instead of a password.",
    )
    ecom_tracking_api_key = manager_setting(
        "Tracking API Key",
        "Key of the tracking web service when it differs from the label one "
        "(La Poste Suivi v2: the X-Okapi-Key of developer.laposte.fr).",
    )
    ecom_label_url = manager_setting(
        "Label Web Service URL",
        "Leave empty to use the carrier's test or production endpoint.",
    )
    ecom_tracking_url = manager_setting(
        "Tracking Web Service URL",
        "Leave empty to use the carrier's endpoint.",
    )
    ecom_relay_url = manager_setting(
        "Relay Point Web Service URL",
        "Leave empty to use the carrier's endpoint.",
    )
    ecom_tracking_interval = fields.Integer(
        string="Tracking Interval (hours)",
        default=4,
        help="Hours between two tracking requests for one parcel.",
    )
    ecom_incident_user_id = fields.Many2one(
        "res.users",
        string="Incident Responsible",
        help="Gets an activity for each delivery incident; empty: the "
        "responsible of the transfer or of the sale order.",
    )
    ecom_is_framework = fields.Boolean(
        compute="_compute_ecom_is_framework",
        help="The provider is one of the ecom suite carriers.",
    )
    ecom_can_track = fields.Boolean(
        compute="_compute_ecom_is_framework",
        help="The provider reads tracking events from the carrier.",
    )

    @api.depends("delivery_type")
    def _compute_ecom_is_framework(self):
        for carrier in self:
            carrier.ecom_is_framework = hasattr(
                carrier, f"{carrier.delivery_type}_ecom_create_label"
            ) or hasattr(carrier, f"{carrier.delivery_type}_ecom_create_labels")
            carrier.ecom_can_track = hasattr(
                carrier, f"{carrier.delivery_type}_ecom_fetch_tracking"
            )

    # ------------------------------------------------------- clients

    def _ecom_get_secrets(self):
        """The secret values of this carrier, masked in debug logs."""
        self.ensure_one()
        carrier = self.sudo()
        return [carrier.ecom_password, carrier.ecom_api_key, carrier.ecom_tracking_api_key]

    def _ecom_client_kwargs(self, service):
        """Keyword arguments of ``CarrierClient`` for ``service`` (``label``,
        ``tracking`` or ``relay``): environment, URL override, debug log."""
        self.ensure_one()
        carrier = self.sudo()
        timeout = self.env["ir.config_parameter"].sudo().get_param("ecom_carrier.http_timeout")
        return {
            "timeout": float(timeout) if timeout else None,
            "prod": carrier.prod_environment,
            "base_url": carrier[f"ecom_{service}_url"] or None,
            "debug": carrier.debug_logging,
            "log_hook": carrier.log_xml if carrier.debug_logging else None,
            "secrets": carrier._ecom_get_secrets(),
        }

    def _ecom_get_client(self, service):
        """Return the web-service client of this carrier for ``service``.
        Providers override it for their ``delivery_type``."""
        raise UserError(
            self.env._(
                "The shipping method %(carrier)s has no %(service)s web service.",
                carrier=self.name,
                service=service,
            )
        )

    def _ecom_hook(self, name):
        """The provider method ``<delivery_type>_ecom_<name>`` or None."""
        return getattr(self, f"{self.delivery_type}_ecom_{name}", None)

    def _ecom_carrier_error(self, exc, picking=None):
        """A French ``UserError`` for a carrier error: the carrier's own
        message, and what the user can do."""
        if isinstance(exc, CarrierRetryableError):
            return UserError(
                self.env._(
                    "%(carrier)s does not answer for the moment (%(error)s). "
                    "Nothing was validated: try again in a few minutes.",
                    carrier=self.name,
                    error=str(exc),
                )
            )
        if picking:
            return UserError(
                self.env._(
                    "%(carrier)s refused the shipment of %(picking)s: %(error)s",
                    carrier=self.name,
                    picking=picking.display_name,
                    error=str(exc),
                )
            )
        return UserError(
            self.env._("%(carrier)s refused the request: %(error)s", carrier=self.name, error=exc)
        )

    # ---------------------------------------------- provider contract

    def _ecom_rate_shipment(self, order):
        """Rate of a framework provider: the shipping method's fixed price
        (the French carriers' label APIs do not rate), refused when the
        order is heavier than ``_ecom_max_weight()``."""
        self.ensure_one()
        result = self.fixed_rate_shipment(order)
        max_weight = self._ecom_max_weight()
        weight = order._get_estimated_weight() if result.get("success") else 0.0
        if max_weight and weight > max_weight:
            return {
                "success": False,
                "price": 0.0,
                "error_message": self.env._(
                    "%(carrier)s takes parcels up to %(max)s kg; this order weighs %(weight)s kg.",
                    carrier=self.name,
                    max=max_weight,
                    weight=round(weight, 3),
                ),
                "warning_message": False,
            }
        return result

    def _ecom_relay_prefix(self):
        """Prefix of this carrier's relay partners' ``ref`` (``COL``,
        ``MR``...), or False when it does not deliver to relay points."""
        hook = self._ecom_hook("relay_prefix")
        return hook() if hook else False

    def _ecom_search_relays(self, address, weight):
        """Relay points near ``address`` (dict: street, zip, city,
        country_code) for a parcel of ``weight`` kg."""
        self.ensure_one()
        hook = self._ecom_hook("search_relays")
        if not hook:
            raise UserError(self.env._("%s does not deliver to relay points.", self.name))
        try:
            return hook(address, weight)
        except CarrierError as exc:
            raise self._ecom_carrier_error(exc) from exc

    def _ecom_max_weight(self):
        """Maximum weight of one parcel in kg (0: no limit)."""
        hook = self._ecom_hook("max_weight")
        return hook() if hook else 0.0

    def _ecom_send_shipping(self, pickings):
        """Core ``send_shipping``: one label per parcel, attached to the
        picking; returns ``[{exact_price, tracking_number}]`` with the
        numbers joined by "," as core stores them in
        ``carrier_tracking_ref``.  Any failure raises a French UserError,
        which rolls the validation back."""
        self.ensure_one()
        res = []
        for picking in pickings:
            if picking.ecom_parcel_ids.filtered(lambda p: p.state == "active" and not p.is_return):
                # never a second set of labels behind the user's back
                raise UserError(
                    self.env._(
                        "%s already has labels: reprint them, or regenerate them to get new ones.",
                        picking.display_name,
                    )
                )
            specs = self._ecom_prepare_parcels(picking)
            parcels = self._ecom_create_parcels(picking, specs)
            price = sum(parcels.mapped("price"))
            res.append(
                {
                    "exact_price": price or self.fixed_price,
                    "tracking_number": ",".join(parcels.mapped("tracking_number")),
                }
            )
        return res

    def _ecom_get_tracking_link(self, picking):
        """Core ``get_tracking_link``: the URL of the only parcel, or the
        JSON list ``[[number, url], ...]`` of several parcels that core's
        ``get_multiple_carrier_tracking()`` reads."""
        self.ensure_one()
        numbers = picking.ecom_parcel_ids.filtered(
            lambda p: p.state == "active" and not p.is_return
        ).mapped("tracking_number") or [
            n.strip() for n in (picking.carrier_tracking_ref or "").split(",") if n.strip()
        ]
        links = [[number, self._ecom_tracking_url_for(number)] for number in numbers]
        links = [link for link in links if link[1]]
        if not links:
            return False
        if len(links) == 1:
            return links[0][1]
        return json.dumps(links)

    def _ecom_tracking_url_for(self, number):
        """Public tracking page of one number: the shipping method's
        *Tracking Link* (``<shipmenttrackingnumber>`` or ``{tracking}``
        placeholder), else the provider's own page."""
        pattern = self.tracking_url
        if not pattern:
            hook = self._ecom_hook("default_tracking_url")
            pattern = hook() if hook else False
        if not pattern:
            return False
        return pattern.replace("<shipmenttrackingnumber>", number).replace("{tracking}", number)

    def _ecom_cancel_shipment(self, pickings):
        """Core ``cancel_shipment``: cancel every active parcel at the
        carrier, then mark them cancelled."""
        self.ensure_one()
        parcels = pickings.ecom_parcel_ids.filtered(lambda p: p.state == "active")
        for parcel in parcels:
            self._ecom_cancel_label(parcel)
        parcels.write({"state": "cancelled"})

    # ------------------------------------------------------- parcels

    def _ecom_prepare_parcels(self, picking):
        """One dict per parcel of ``picking``: each package of its move
        lines, then the loose goods (see the README)."""
        self.ensure_one()
        lines = picking.move_line_ids.filtered(lambda ml: ml.quantity)
        relay = picking.partner_id._ecom_get_relay_data(self)
        value = sum(
            (ml.move_id.sale_line_id.price_reduce_taxinc or ml.product_id.lst_price) * ml.quantity
            for ml in lines
        )
        specs = []
        for package in lines.result_package_id.sorted("id"):
            weight = package.shipping_weight or package.with_context(picking_id=picking.id).weight
            specs.append({"package": package, "weight": weight})
        loose = lines.filtered(lambda ml: not ml.result_package_id)
        if loose or not specs:
            weight = sum(
                ml.product_uom_id._compute_quantity(ml.quantity, ml.product_id.uom_id)
                * ml.product_id.weight
                for ml in loose
            )
            specs.append({"package": self.env["stock.quant.package"], "weight": weight})
        for sequence, spec in enumerate(specs, 1):
            spec.update(
                {
                    "sequence": sequence,
                    "reference": picking.name if len(specs) == 1 else f"{picking.name}-{sequence}",
                    "relay": relay,
                    "value": round(value / len(specs), 2),
                }
            )
        return specs

    def _ecom_warehouse_partner(self, picking):
        """Sender address of a shipment: the warehouse's, else the company's."""
        return picking.picking_type_id.warehouse_id.partner_id or picking.company_id.partner_id

    def _ecom_create_labels(self, picking, specs):
        """Create the labels of ``specs`` at the carrier: the provider's
        multi-parcel hook, else one call per parcel; when a call fails after
        others succeeded, those are cancelled at the carrier (best effort)
        before the error goes up."""
        self.ensure_one()
        multi = self._ecom_hook("create_labels")
        if multi:
            return multi(picking, specs)
        single = self._ecom_hook("create_label")
        results = []
        try:
            for spec in specs:
                results.append(single(picking, spec))
        except (CarrierError, UserError):
            self._ecom_rollback_labels(picking, results)
            raise
        return results

    def _ecom_rollback_labels(self, picking, results):
        """Cancel at the carrier labels created for a shipment that failed
        afterwards (best effort: logged when the carrier refuses)."""
        cancel = self._ecom_hook("cancel_label")
        if not cancel:
            return
        for result in results:
            parcel = self.env["ecom.carrier.parcel"].new(
                {
                    "tracking_number": result.tracking_number,
                    "carrier_id": self.id,
                    "picking_id": picking.id,
                }
            )
            try:
                cancel(parcel)
            except CarrierError as exc:
                _logger.warning(
                    "%s: label %s left at the carrier: %s",
                    self.name,
                    result.tracking_number,
                    exc,
                )

    def _ecom_create_parcels(self, picking, specs):
        """Create labels at the carrier and store them: parcels, label
        attachments, message on the picking.  Returns the new parcels."""
        self.ensure_one()
        try:
            results = self._ecom_create_labels(picking, specs)
        except CarrierError as exc:
            raise self._ecom_carrier_error(exc, picking) from exc
        if len(results) != len(specs) or not all(r.tracking_number and r.label for r in results):
            self._ecom_rollback_labels(picking, [r for r in results if r.tracking_number])
            raise UserError(
                self.env._(
                    "%(carrier)s returned an incomplete answer for %(picking)s "
                    "(a tracking number without its label): nothing was validated.",
                    carrier=self.name,
                    picking=picking.display_name,
                )
            )
        return self.env["ecom.carrier.parcel"]._ecom_create_from_results(
            self, picking, specs, results
        )

    def _ecom_cancel_label(self, parcel):
        """Cancel one parcel at the carrier, or nothing when the carrier has
        no cancellation (the label is then simply never used)."""
        hook = self._ecom_hook("cancel_label")
        if not hook:
            return
        try:
            hook(parcel)
        except CarrierError as exc:
            raise self._ecom_carrier_error(exc, parcel.picking_id) from exc

    # ------------------------------------------------------ tracking

    def _ecom_tracking_code_set(self):
        """Name of the event-code table that maps this carrier's events."""
        hook = self._ecom_hook("tracking_code_set")
        return hook() if hook else self.delivery_type

    def _ecom_tracking_batch_size(self):
        """Tracking numbers per request of the carrier's tracking API."""
        hook = self._ecom_hook("tracking_batch_size")
        return hook() if hook else 1

    @api.model
    def _cron_ecom_poll_tracking(self, chunk_size=None):
        """Queue the tracking jobs of the parcels due for polling."""
        if chunk_size is None:
            chunk_size = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("ecom_carrier.tracking_chunk_size", 100)
            )
        params = self.env["ir.config_parameter"].sudo()
        max_days = int(params.get_param("ecom_carrier.tracking_max_days", 60))
        now = fields.Datetime.now()
        parcels = self.env["ecom.carrier.parcel"].search(
            [
                ("state", "=", "active"),
                ("tracking_final", "=", False),
                ("tracking_number", "!=", False),
                # a label never handed over is not polled for ever
                ("create_date", ">=", now - timedelta(days=max_days)),
                "|",
                ("tracking_next_date", "=", False),
                ("tracking_next_date", "<=", now),
            ],
            order="carrier_id, id",
        )
        jobs = []
        for carrier in parcels.carrier_id:
            if not carrier.ecom_can_track:
                continue
            carrier_parcels = parcels.filtered(lambda p, c=carrier: p.carrier_id == c)
            carrier_parcels.write(
                {"tracking_next_date": now + timedelta(hours=carrier.ecom_tracking_interval or 4)}
            )
            for start in range(0, len(carrier_parcels), chunk_size):
                chunk = carrier_parcels[start : start + chunk_size]
                jobs.append(carrier._ecom_enqueue_tracking(chunk))
        return jobs

    def _ecom_enqueue_tracking(self, parcels, eta=None):
        """Queue one tracking job for ``parcels`` of this carrier."""
        self.ensure_one()
        return self.with_delay(
            channel="root.carrier",
            identity_key=identity_exact,
            eta=eta,
            description=self.env._(
                "Tracking: %(carrier)s, %(count)s parcels", carrier=self.name, count=len(parcels)
            ),
        )._ecom_poll_tracking(parcels)

    def _ecom_poll_tracking(self, parcels):
        """Job: ask the carrier about ``parcels`` (batch by batch, within the
        API's limit per request) and store the events.  Throttling or a
        carrier down: the first batch retries through the job queue, later
        batches go to a new job after the carrier's delay."""
        self.ensure_one()
        # tracking is the system's bookkeeping, whoever queued the job
        parcels = parcels.sudo().filtered(
            lambda p: p.state == "active" and not p.tracking_final and p.tracking_number
        )
        fetch = self._ecom_hook("fetch_tracking")
        if not fetch or not parcels:
            return self.env._("Nothing to track.")
        size = self._ecom_tracking_batch_size()
        codes = self.env["ecom.carrier.event.code"]._ecom_get_table(self._ecom_tracking_code_set())
        done = self.env["ecom.carrier.parcel"]
        for start in range(0, len(parcels), size):
            batch = parcels[start : start + size]
            try:
                results = fetch(batch)
            except CarrierRetryableError as exc:
                seconds = int(
                    exc.retry_after
                    or self.env["ir.config_parameter"]
                    .sudo()
                    .get_param("ecom_carrier.retry_seconds", 60)
                )
                if not done:
                    raise RetryableJobError(str(exc), seconds=seconds) from exc
                rest = parcels - done
                self._ecom_enqueue_tracking(rest, eta=seconds)
                done._ecom_after_tracking()
                return self.env._(
                    "%(done)s parcels read, %(rest)s postponed by %(seconds)s s: %(error)s",
                    done=len(done),
                    rest=len(rest),
                    seconds=seconds,
                    error=str(exc),
                )
            except CarrierError as exc:
                batch.write({"tracking_message": str(exc)})
                done |= batch
                continue
            batch._ecom_apply_tracking(results, codes)
            done |= batch
        done._ecom_after_tracking()
        return self.env._("%(count)s parcels read.", count=len(done))
