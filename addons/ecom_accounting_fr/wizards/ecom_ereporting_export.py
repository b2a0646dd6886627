# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import json

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

CSV_COLUMNS = (
    "siren",
    "period_start",
    "period_end",
    "date",
    "category",
    "vat_rate",
    "amount_untaxed",
    "vat_amount",
    "currency",
    "transactions",
)


class EcomEreportingExport(models.TransientModel):
    """Export the B2C e-reporting of a period: per day, per category and
    per VAT rate, the untaxed amount and the VAT of B2C sales. Formats are
    documented in readme/USAGE.md."""

    _name = "ecom.ereporting.export"
    _description = "B2C e-reporting export"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    file_format = fields.Selection(
        [("csv", "CSV"), ("json", "JSON")], string="Format", required=True, default="csv"
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def action_export(self):
        """Build the file and show it for download."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period starts after it ends."))
        totals = self._get_daily_totals()
        if not totals:
            raise UserError(
                self.env._(
                    "No posted B2C sale between %(start)s and %(end)s: nothing to report.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        content = (
            self._render_csv(totals) if self.file_format == "csv" else self._render_json(totals)
        )
        siren = self._get_siren() or "company"
        self.write(
            {
                "file_data": base64.b64encode(content),
                "filename": (
                    f"ereporting_b2c_{siren}_{self.date_from}_{self.date_to}.{self.file_format}"
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _get_siren(self):
        company = self.company_id
        if company.company_registry:
            return company.company_registry.replace(" ", "")[:9]
        return self.env["account.edi.xml.cii"]._ecom_get_siren(company.partner_id)

    def _get_daily_totals(self):
        """``[(date, category, rate, untaxed, vat, transactions)]`` sorted."""
        groups = self.env["ecom.sales.vat.report"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("is_b2c", "=", True),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            ["date:day", "ereporting_category", "tax_rate"],
            ["amount_untaxed:sum", "amount_tax:sum", "move_id:count_distinct"],
        )
        return sorted(groups, key=lambda g: (g[0], g[1], -g[2]))

    def _get_rows(self, totals):
        currency = self.company_id.currency_id
        digits = currency.decimal_places
        for day, category, rate, untaxed, vat, count in totals:
            yield {
                "date": fields.Date.to_string(day),
                "category": category,
                "vat_rate": float_repr(rate, 2),
                "amount_untaxed": float_repr(currency.round(untaxed), digits),
                "vat_amount": float_repr(currency.round(vat), digits),
                "currency": currency.name,
                "transactions": count,
            }

    def _render_csv(self, totals):
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=CSV_COLUMNS, delimiter=";", lineterminator="\r\n"
        )
        writer.writeheader()
        common = {
            "siren": self._get_siren() or "",
            "period_start": fields.Date.to_string(self.date_from),
            "period_end": fields.Date.to_string(self.date_to),
        }
        for row in self._get_rows(totals):
            writer.writerow({**common, **row})
        return buffer.getvalue().encode("utf-8")

    def _render_json(self, totals):
        company = self.company_id
        payload = {
            "type": "ereporting_b2c_transactions",
            "version": 1,
            "seller": {"siren": self._get_siren(), "vat": company.vat, "name": company.name},
            "period": {
                "start": fields.Date.to_string(self.date_from),
                "end": fields.Date.to_string(self.date_to),
            },
            "currency": company.currency_id.name,
            "totals": [
                {key: value for key, value in row.items() if key != "currency"}
                for row in self._get_rows(totals)
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
