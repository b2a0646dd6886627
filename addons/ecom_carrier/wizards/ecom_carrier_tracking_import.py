# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

#: accepted column names (lower case, accents kept)
REFERENCE_COLUMNS = ("reference", "référence", "ref", "transfer", "picking", "order", "commande")
NUMBER_COLUMNS = ("tracking_number", "tracking", "suivi", "numéro de suivi", "numero", "colis")


class EcomCarrierTrackingImport(models.TransientModel):
    """Import the tracking numbers of a carrier's CSV file: one line per
    parcel, a column with the transfer (or sale order) reference and one
    with the tracking number; several lines for one transfer make several
    parcels."""

    _name = "ecom.carrier.tracking.import"
    _description = "Tracking Numbers Import"

    carrier_id = fields.Many2one(
        "delivery.carrier",
        required=True,
        domain="[('delivery_type', '=', 'ecom_generic')]",
    )
    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        rows = self._ecom_read_rows()
        by_picking = {}
        errors = []
        for line_number, reference, number in rows:
            picking = self._ecom_find_picking(reference)
            if not picking:
                errors.append(
                    self.env._(
                        "Line %(line)s: no delivery of %(carrier)s for %(reference)s.",
                        line=line_number,
                        carrier=self.carrier_id.name,
                        reference=reference,
                    )
                )
                continue
            by_picking.setdefault(picking, [])
            if number not in by_picking[picking]:
                by_picking[picking].append(number)
        for picking, numbers in by_picking.items():
            known = [
                n.strip() for n in (picking.carrier_tracking_ref or "").split(",") if n.strip()
            ]
            merged = known + [n for n in numbers if n not in known]
            picking.carrier_tracking_ref = ",".join(merged)
        summary = self.env._(
            "%(numbers)s tracking numbers imported on %(pickings)s transfers.",
            numbers=sum(len(n) for n in by_picking.values()),
            pickings=len(by_picking),
        )
        self.result = "\n".join([summary, *errors])
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _ecom_read_rows(self):
        """``[(line number, reference, tracking number)]`` of the file
        (UTF-8 or Latin-1, ``;`` or ``,`` separated, with a header)."""
        raw = base64.b64decode(self.file or b"")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [h.strip().lower() for h in next(reader, [])]
        ref_col = next((i for i, h in enumerate(header) if h in REFERENCE_COLUMNS), None)
        num_col = next((i for i, h in enumerate(header) if h in NUMBER_COLUMNS), None)
        if ref_col is None or num_col is None:
            raise UserError(
                self.env._(
                    "The file needs a column for the reference (%(refs)s) and one for the "
                    "tracking number (%(numbers)s).",
                    refs=", ".join(REFERENCE_COLUMNS),
                    numbers=", ".join(NUMBER_COLUMNS),
                )
            )
        rows = []
        for line_number, row in enumerate(reader, 2):
            if len(row) <= max(ref_col, num_col):
                continue
            reference, number = row[ref_col].strip(), row[num_col].strip()
            if reference and number:
                rows.append((line_number, reference, number))
        return rows

    def _ecom_find_picking(self, reference):
        domain = [
            ("carrier_id", "=", self.carrier_id.id),
            ("picking_type_code", "=", "outgoing"),
            ("state", "!=", "cancel"),
        ]
        picking_model = self.env["stock.picking"]
        picking = picking_model.search(domain + [("name", "=", reference)], limit=1)
        if not picking:
            # the delivered transfer of the order first, then the oldest
            picking = picking_model.search(domain + [("origin", "=", reference)]).sorted(
                lambda p: (p.state != "done", p.id)
            )[:1]
        return picking
