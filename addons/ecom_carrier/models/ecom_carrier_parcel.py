# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models
from odoo.exceptions import UserError

from .ecom_carrier_event_code import TRACKING_STATES

_logger = logging.getLogger(__name__)

MIMETYPES = {"pdf": "application/pdf", "zpl": "application/zpl"}


class EcomCarrierParcel(models.Model):
    """One parcel sent with a carrier: one package (``stock.quant.package``)
    or the loose goods of a transfer, with its own tracking number, label
    and tracking events.  A regenerated label makes a new parcel; the old
    one stays, cancelled, for the record."""

    _name = "ecom.carrier.parcel"
    _description = "Shipped Parcel"
    _order = "picking_id desc, sequence, id"
    _rec_name = "tracking_number"
    _check_company_auto = True

    picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="picking_id.company_id", store=True, index=True, precompute=True
    )
    carrier_id = fields.Many2one("delivery.carrier", required=True, index=True, check_company=True)
    package_id = fields.Many2one("stock.quant.package", check_company=True)
    sequence = fields.Integer(default=1)
    tracking_number = fields.Char(required=True, index=True)
    tracking_url = fields.Char(compute="_compute_tracking_url")
    state = fields.Selection(
        [("active", "Active"), ("cancelled", "Cancelled")],
        default="active",
        required=True,
        index=True,
    )
    is_return = fields.Boolean(string="Return Label")
    weight = fields.Float(digits="Stock Weight")
    price = fields.Float(digits="Product Price")
    label_format = fields.Selection([("pdf", "PDF"), ("zpl", "ZPL")], default="pdf")
    label_attachment_id = fields.Many2one("ir.attachment", string="Label", ondelete="set null")
    document_attachment_ids = fields.Many2many(
        "ir.attachment",
        "ecom_carrier_parcel_document_rel",
        "parcel_id",
        "attachment_id",
        string="Documents",
        help="Documents the carrier returned with the label (customs declaration CN23).",
    )
    deposit_slip = fields.Char(
        copy=False, help="Number of the carrier's deposit slip (bordereau) listing this parcel."
    )
    print_count = fields.Integer(help="Times the label was printed again.")
    tracking_state = fields.Selection(
        TRACKING_STATES, default="label_created", required=True, index=True
    )
    tracking_final = fields.Boolean(
        string="Final State", index=True, help="Nothing more will happen: not polled any more."
    )
    tracking_date = fields.Datetime(string="Last Tracking Request")
    tracking_next_date = fields.Datetime(string="Next Tracking Request", index=True)
    tracking_message = fields.Char(help="What the carrier answered the last time, if not events.")
    event_ids = fields.One2many("ecom.carrier.parcel.event", "parcel_id", string="Events")
    last_event_label = fields.Char(help="Label of the newest event.")

    _sql_constraints = [
        (
            "tracking_uniq",
            "unique(carrier_id, tracking_number, is_return)",
            "A tracking number is stored once per carrier.",
        ),
    ]

    def _compute_tracking_url(self):
        for parcel in self:
            parcel.tracking_url = parcel.carrier_id._ecom_tracking_url_for(parcel.tracking_number)

    def action_reprint(self):
        """Download the same label again: no call to the carrier."""
        self.ensure_one()
        if not self.label_attachment_id:
            raise UserError(self.env._("The parcel %s has no label.", self.tracking_number))
        self.print_count += 1
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.label_attachment_id.id}?download=true",
            "target": "new",
        }

    # ---------------------------------------------------- labels

    def _ecom_create_from_results(self, carrier, picking, specs, results):
        """Store the labels the carrier created for ``specs``: one parcel
        per result, the label (and documents) attached to the picking and
        posted on it.  ``results`` are ``LabelResult`` in ``specs`` order."""
        attachment_model = self.env["ir.attachment"]
        label_prefix = carrier._get_delivery_label_prefix()
        doc_prefix = carrier._get_delivery_doc_prefix()
        vals_list = []
        all_attachments = attachment_model
        for spec, result in zip(specs, results, strict=True):
            label_format = result.label_format or "pdf"
            label = attachment_model.create(
                {
                    "name": f"{label_prefix}-{result.tracking_number}.{label_format}",
                    "raw": result.label,
                    "res_model": "stock.picking",
                    "res_id": picking.id,
                    "mimetype": MIMETYPES.get(label_format, "application/octet-stream"),
                }
            )
            documents = attachment_model
            for name, content in (result.documents or {}).items():
                documents |= attachment_model.create(
                    {
                        "name": f"{doc_prefix}-{result.tracking_number}-{name}",
                        "raw": content,
                        "res_model": "stock.picking",
                        "res_id": picking.id,
                    }
                )
            all_attachments |= label | documents
            vals_list.append(
                {
                    "picking_id": picking.id,
                    "carrier_id": carrier.id,
                    "package_id": spec.get("package") and spec["package"].id,
                    "sequence": spec.get("sequence", 1),
                    "tracking_number": result.tracking_number,
                    "weight": spec.get("weight") or 0.0,
                    "price": result.price or 0.0,
                    "label_format": label_format,
                    "label_attachment_id": label.id,
                    "document_attachment_ids": [fields.Command.set(documents.ids)],
                    "is_return": spec.get("is_return", False),
                }
            )
        parcels = self.create(vals_list)
        body = self.env._(
            "Labels created by %(carrier)s: %(numbers)s",
            carrier=carrier.name,
            numbers=", ".join(parcels.mapped("tracking_number")),
        )
        picking.message_post(body=body, attachment_ids=all_attachments.ids)
        # the initial state, without notification: the shop learns about the
        # shipment from the validated transfer and its tracking reference
        picking.filtered(lambda p: not p.ecom_tracking_state).ecom_tracking_state = "label_created"
        return parcels

    # -------------------------------------------------- tracking

    def _ecom_apply_tracking(self, results, codes):
        """Store the carrier's answer for these parcels: new events
        (deduplicated on date and code), their normalized states through
        ``codes`` (``{code: (state, is_final)}``), the parcel's state and
        whether polling stops.  Unknown codes are logged and mean
        ``in_transit``."""
        now = fields.Datetime.now()
        existing = {
            (e["parcel_id"][0], e["date"], e["code"] or False)
            for e in self.env["ecom.carrier.parcel.event"].search_read(
                [("parcel_id", "in", self.ids)], ["parcel_id", "date", "code"]
            )
        }
        event_vals = []
        for parcel in self:
            result = results.get(parcel.tracking_number)
            vals = {"tracking_date": now}
            if result is None:
                vals["tracking_message"] = self.env._("The carrier did not answer for this number.")
            elif result.status == "unknown_yet":
                vals["tracking_message"] = result.message or self.env._(
                    "Not known by the carrier yet."
                )
            elif result.status != "ok":
                vals["tracking_message"] = result.message
            else:
                vals["tracking_message"] = False
                events = sorted(result.events, key=lambda e: e.date)
                state, final = False, False
                for event in events:
                    code = event.code or ""
                    mapped = codes.get(code)
                    if mapped is None:
                        _logger.warning(
                            "%s: unknown tracking code %r (%s) for %s, kept as in transit",
                            parcel.carrier_id.name,
                            code,
                            event.label,
                            parcel.tracking_number,
                        )
                    state, final = mapped or ("in_transit", False)
                    date = event.date.replace(microsecond=0, tzinfo=None)
                    key = (parcel.id, date, code or False)
                    if key in existing:
                        continue
                    existing.add(key)
                    event_vals.append(
                        {
                            "parcel_id": parcel.id,
                            "date": date,
                            "code": code or False,
                            "label": event.label,
                            "place": event.place or False,
                            "state": state,
                            "unknown_code": mapped is None,
                        }
                    )
                if events:
                    vals["tracking_state"] = state
                    vals["last_event_label"] = events[-1].label
                    final = result.is_final if result.is_final is not None else final
                vals["tracking_final"] = bool(final)
            parcel.write(vals)
        if event_vals:
            self.env["ecom.carrier.parcel.event"].create(event_vals)

    def _ecom_after_tracking(self):
        """Recompute the transfers' tracking state after new events."""
        self.picking_id._ecom_update_tracking_state()
