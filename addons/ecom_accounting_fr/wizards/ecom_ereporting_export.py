# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import hashlib
import io
import json
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_repr

from ..ereporting import flux10

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
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._get_default_period()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._get_default_period()[1]
    )
    change_note = fields.Char(string="Previous export", readonly=True)
    flow = fields.Selection(
        [
            ("10.3", "10.3 - B2C transactions (aggregated)"),
            ("10.1", "10.1 - International B2B transactions"),
            ("10.4", "10.4 - Payments of services taxed on collection"),
        ],
        required=True,
        default="10.3",
    )
    file_format = fields.Selection(
        [("xml", "XML (flow 10 of the DGFiP)"), ("csv", "CSV"), ("json", "JSON")],
        string="Format",
        required=True,
        default="xml",
        help="XML: the e-reporting file in the structure of the DGFiP external "
        "specifications, for your approved platform (PA). CSV and JSON: the same "
        "figures for your accountant.",
    )
    direction = fields.Selection(
        [("sale", "Sales"), ("purchase", "Purchases")],
        default="sale",
        help="An XML report of flow 10.1 declares either your sales (you are the "
        "seller) or your purchases (you are the buyer).",
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.model
    def _get_default_period(self, today=None):
        """The last period ended before ``today``, by the company's VAT regime:
        ten days (1-10, 11-20, 21-end) for the monthly réel normal, a month
        for the quarterly réel normal and the simplified regime, two months
        for the franchise."""
        today = today or fields.Date.context_today(self)
        regime = self.env.company.ecom_vat_regime or "normal_monthly"
        if regime == "normal_monthly":
            if today.day > 20:
                return today.replace(day=11), today.replace(day=20)
            if today.day > 10:
                return today.replace(day=1), today.replace(day=10)
            end = today.replace(day=1) - timedelta(days=1)
            return end.replace(day=21), end
        months = 2 if regime == "franchise" else 1
        # periods of two months start in January, March, May...
        first_month = today.month - (today.month - 1) % months
        end = date(today.year, first_month, 1) - timedelta(days=1)
        start_month = end.month - months + 1
        return date(end.year, start_month, 1), end

    def action_export(self):
        """Build the file and show it for download; remember the period."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period starts after it ends."))
        if self.flow == "10.3":
            totals = self._get_daily_totals()
            if not totals:
                raise UserError(
                    self.env._(
                        "No posted B2C sale between %(start)s and %(end)s: nothing to report.",
                        start=self.date_from,
                        end=self.date_to,
                    )
                )
            renderers = {
                "csv": self._render_csv,
                "json": self._render_json,
                "xml": self._render_xml_transactions,
            }
            content = renderers[self.file_format](totals)
            self.change_note = self._remember_period(*self._get_b2c_fingerprint(totals))
            prefix = "ereporting_b2c"
        else:
            rows = (
                self._get_international_b2b_rows()
                if self.flow == "10.1"
                else self._get_payment_rows()
            )
            if self.flow == "10.1" and self.file_format == "xml":
                rows = [row for row in rows if row["direction"] == self.direction]
            if not rows:
                raise UserError(
                    self.env._(
                        "Nothing to report for the flow %(flow)s between %(start)s and %(end)s.",
                        flow=self.flow,
                        start=self.date_from,
                        end=self.date_to,
                    )
                )
            content = self._render_rows(rows)
            self.change_note = self._remember_period(
                json.dumps(rows, sort_keys=True, default=str),
                sum(float(row["amount_untaxed"]) for row in rows),
                sum(float(row["vat_amount"]) for row in rows),
                len({row.get("invoice") or row["date"] for row in rows}),
            )
            prefix = (
                "ereporting_b2b_international" if self.flow == "10.1" else "ereporting_payments"
            )
        siren = self._get_siren() or "company"
        suffix = f"_{self.direction}" if self.flow == "10.1" and self.file_format == "xml" else ""
        self.write(
            {
                "file_data": base64.b64encode(content),
                "filename": (
                    f"{prefix}_{siren}_{self.date_from}_{self.date_to}{suffix}.{self.file_format}"
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

    def _get_international_b2b_rows(self):
        """Flow 10.1: sales to and purchases from businesses established
        outside France (EU and beyond), one row per invoice and VAT rate."""
        company = self.company_id
        currency = company.currency_id
        moves = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund", "in_invoice", "in_refund")),
                ("invoice_date", ">=", self.date_from),
                ("invoice_date", "<=", self.date_to),
            ],
            order="invoice_date, name, id",
        )
        rows = []
        for move in moves:
            partner = move.commercial_partner_id
            if not (partner.vat or partner.is_company):
                continue
            zone = company._ecom_get_vat_geography(partner).zone
            if zone not in ("eu_b2b", "export"):
                continue
            sale = move.is_sale_document()
            by_rate = {}
            for line in move.invoice_line_ids.filtered(lambda line: line.display_type == "product"):
                amount = -line.balance if sale else line.balance
                vat = 0.0
                if line.price_subtotal:
                    vat = (line.price_total - line.price_subtotal) * amount / line.price_subtotal
                entry = by_rate.setdefault(line._ecom_get_tax_rate(), [0.0, 0.0])
                entry[0] += amount
                entry[1] += vat
            for rate, (untaxed, vat) in sorted(by_rate.items(), key=lambda item: -item[0]):
                rows.append(
                    {
                        "direction": "sale" if sale else "purchase",
                        "invoice": move.name,
                        "date": fields.Date.to_string(move.invoice_date),
                        "type_code": "381"
                        if move.move_type in ("out_refund", "in_refund")
                        else "380",
                        "partner": partner.name,
                        "partner_vat": partner.vat or "",
                        "partner_country": partner.country_id.code or "",
                        "vat_rate": float_repr(rate, 2),
                        "amount_untaxed": float_repr(currency.round(untaxed), 2),
                        "vat_amount": float_repr(currency.round(vat), 2),
                        "currency": currency.name,
                    }
                )
        return rows

    def _get_payment_rows(self):
        """Flow 10.4: payments collected in the period on B2C invoices of
        services taxed in France (VAT due on collection), per day and VAT
        rate, in proportion of the services in each invoice."""
        company = self.company_id
        currency = company.currency_id
        partials = self.env["account.partial.reconcile"].search(
            [
                ("company_id", "=", company.id),
                ("max_date", ">=", self.date_from),
                ("max_date", "<=", self.date_to),
                ("debit_move_id.move_id.move_type", "=", "out_invoice"),
                ("debit_move_id.move_id.state", "=", "posted"),
                ("debit_move_id.move_id.ecom_is_b2c", "=", True),
                ("debit_move_id.move_id.ecom_geography", "=", "domestic"),
            ]
        )
        totals = {}
        for partial in partials:
            invoice = partial.debit_move_id.move_id
            if not invoice.amount_total:
                continue
            services = invoice.invoice_line_ids.filtered(
                lambda line: line.ecom_nature == "service" and line._ecom_get_tax_rate()
            )
            share = partial.amount / invoice.amount_total_signed
            for line in services:
                rate = line._ecom_get_tax_rate()
                entry = totals.setdefault((partial.max_date, rate), [0.0, 0.0])
                untaxed = -line.balance * share
                entry[0] += untaxed
                entry[1] += untaxed * rate / 100.0
        return [
            {
                "date": fields.Date.to_string(day),
                "category": "TPS1",
                "vat_rate": float_repr(rate, 2),
                "amount_untaxed": float_repr(currency.round(untaxed), 2),
                "vat_amount": float_repr(currency.round(vat), 2),
                "currency": currency.name,
            }
            for (day, rate), (untaxed, vat) in sorted(
                totals.items(), key=lambda i: (i[0][0], -i[0][1])
            )
        ]

    def _render_rows(self, rows):
        if self.file_format == "xml":
            return self._render_xml_rows(rows)
        common = {
            "flow": self.flow,
            "siren": self._get_siren() or "",
            "period_start": fields.Date.to_string(self.date_from),
            "period_end": fields.Date.to_string(self.date_to),
        }
        if self.file_format == "json":
            payload = dict(common, version=2, rows=rows)
            return json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=[*common, *rows[0]], delimiter=";", lineterminator="\r\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({**common, **row})
        return buffer.getvalue().encode("utf-8")

    def _get_report_document(self, issuer_role=flux10.ROLE_SELLER):
        """TB-1 of the XML report: its id, the platform sending it (the
        company's approved platform, else the company itself) and the
        company declaring (SIREN)."""
        company = self.company_id
        siren = self._get_siren() or ""
        previous = (
            self.env["ecom.ereporting.period"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("flow", "=", self.flow),
                    ("date_from", "=", self.date_from),
                    ("date_to", "=", self.date_to),
                ],
                limit=1,
            )
            .export_count
        )
        issuer = {"id": siren, "scheme": flux10.SCHEME_SIREN, "name": company.name}
        sender = dict(issuer, role=flux10.ROLE_SELLER)
        if company.ecom_pa_matricule:
            sender = {
                "id": company.ecom_pa_matricule,
                "scheme": flux10.SCHEME_PLATFORM,
                "name": company.ecom_pa_name or company.ecom_pa_matricule,
                "role": flux10.ROLE_PLATFORM,
            }
        return {
            "id": "-".join(
                (
                    siren,
                    self.flow.replace(".", ""),
                    self.date_from.strftime("%Y%m%d"),
                    self.date_to.strftime("%Y%m%d"),
                    str(previous + 1),
                )
            ),
            "name": self.env._("E-reporting %(flow)s", flow=self.flow),
            "issued": fields.Datetime.now(),
            "corrective": bool(previous),
            "sender": sender,
            "issuer": dict(issuer, role=issuer_role),
        }

    def _render_xml_transactions(self, totals):
        """Flow 10.3 as XML: per day and category, the totals, the number of
        transactions and the breakdown per VAT rate."""
        currency = self.company_id.currency_id
        digits = currency.decimal_places
        transactions = [
            {
                "date": day,
                "currency": currency.name,
                "category": category,
                "untaxed": float_repr(currency.round(entry["untaxed"]), digits),
                "tax": float_repr(currency.round(entry["vat"]), digits),
                "count": entry["count"],
                "rates": [
                    (float_repr(rate, 2), float_repr(untaxed, digits), float_repr(vat, digits))
                    for rate, untaxed, vat in entry["rates"]
                ],
            }
            for (day, category), entry in self._get_categories(totals).items()
        ]
        return flux10.build_report(
            self._get_report_document(),
            (self.date_from, self.date_to),
            transactions=transactions,
        )

    def _render_xml_rows(self, rows):
        """Flows 10.1 (one block per invoice) and 10.4 (per day, the amounts
        collected, VAT included, per rate) as XML."""
        period = (self.date_from, self.date_to)
        if self.flow == "10.4":
            payments = {}
            for row in rows:
                amount = float(row["amount_untaxed"]) + float(row["vat_amount"])
                entry = payments.setdefault(
                    row["date"],
                    {
                        "date": fields.Date.to_date(row["date"]),
                        "currency": row["currency"],
                        "rates": [],
                    },
                )
                entry["rates"].append((row["vat_rate"], float_repr(amount, 2)))
            return flux10.build_report(
                self._get_report_document(), period, payments=list(payments.values())
            )
        role = flux10.ROLE_SELLER if self.direction == "sale" else flux10.ROLE_BUYER
        return flux10.build_report(
            self._get_report_document(role), period, invoices=self._get_xml_invoices(rows)
        )

    def _get_xml_invoices(self, rows):
        """Flow 10.1 rows grouped per invoice, with seller and buyer."""
        company = self.company_id
        moves = {
            move.name: move
            for move in self.env["account.move"].search(
                [("company_id", "=", company.id), ("name", "in", [row["invoice"] for row in rows])]
            )
        }
        cii = self.env["account.edi.xml.cii"]
        ours = {
            "siren": self._get_siren(),
            "vat": company.vat,
            "country": company.country_id.code,
        }
        invoices = {}
        for row in rows:
            move = moves[row["invoice"]]
            if row["invoice"] not in invoices:
                partner = move.commercial_partner_id
                theirs = {
                    "siren": cii._ecom_get_siren(partner),
                    "vat": partner.vat,
                    "country": partner.country_id.code,
                }
                sale = row["direction"] == "sale"
                invoices[row["invoice"]] = {
                    "number": row["invoice"],
                    "date": move.invoice_date,
                    "type_code": row["type_code"],
                    "currency": row["currency"],
                    "framework": cii._ecom_get_billing_framework(move),
                    "seller": ours if sale else theirs,
                    "buyer": theirs if sale else ours,
                    "untaxed": 0.0,
                    "tax": 0.0,
                    "rates": [],
                }
            entry = invoices[row["invoice"]]
            entry["untaxed"] += float(row["amount_untaxed"])
            entry["tax"] += float(row["vat_amount"])
            entry["rates"].append(
                (
                    self._get_vat_category(move, float(row["vat_rate"])),
                    row["vat_rate"],
                    row["amount_untaxed"],
                    row["vat_amount"],
                )
            )
        for entry in invoices.values():
            entry["untaxed"] = float_repr(entry["untaxed"], 2)
            entry["tax"] = float_repr(entry["tax"], 2)
        return list(invoices.values())

    def _get_vat_category(self, move, rate):
        """UNTDID 5305 VAT category of an international invoice: K within
        the EU (reverse charged by the buyer), G outside, else S taxed or E
        exempt."""
        category = {"eu_b2b": "K", "export": "G"}.get(move.ecom_geography)
        return category or ("S" if rate else "E")

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

    def _get_transaction_counts(self):
        """``{(day, category): invoices}``: a transaction is an invoice or a
        credit note, counted once whatever its number of VAT rates."""
        groups = self.env["ecom.sales.vat.report"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("is_b2c", "=", True),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            ["date:day", "ereporting_category"],
            ["move_id:count_distinct"],
        )
        return {(day, category): count for day, category, count in groups}

    def _get_categories(self, totals):
        """Per day and category: totals, transactions and the rates."""
        currency = self.company_id.currency_id
        counts = self._get_transaction_counts()
        categories = {}
        for day, category, rate, untaxed, vat, _count in totals:
            entry = categories.setdefault(
                (day, category),
                {"untaxed": 0.0, "vat": 0.0, "rates": [], "count": counts.get((day, category), 0)},
            )
            entry["untaxed"] += untaxed
            entry["vat"] += vat
            entry["rates"].append((rate, currency.round(untaxed), currency.round(vat)))
        return categories

    def _get_rows(self, totals):
        """One row per day and category (``vat_rate`` empty) with the number
        of transactions, followed by one row per VAT rate (amounts only)."""
        currency = self.company_id.currency_id
        digits = currency.decimal_places
        for (day, category), entry in self._get_categories(totals).items():
            common = {"date": fields.Date.to_string(day), "category": category}
            yield {
                **common,
                "vat_rate": "",
                "amount_untaxed": float_repr(currency.round(entry["untaxed"]), digits),
                "vat_amount": float_repr(currency.round(entry["vat"]), digits),
                "currency": currency.name,
                "transactions": entry["count"],
            }
            for rate, untaxed, vat in entry["rates"]:
                yield {
                    **common,
                    "vat_rate": float_repr(rate, 2),
                    "amount_untaxed": float_repr(untaxed, digits),
                    "vat_amount": float_repr(vat, digits),
                    "currency": currency.name,
                    "transactions": "",
                }

    def _get_b2c_fingerprint(self, totals):
        """``(fingerprint, untaxed, VAT, transactions)`` of the B2C totals."""
        currency = self.company_id.currency_id
        categories = self._get_categories(totals)
        fingerprint = json.dumps(
            [
                [str(day), category, entry["count"], entry["rates"]]
                for (day, category), entry in sorted(categories.items())
            ]
        )
        return (
            fingerprint,
            currency.round(sum(e["untaxed"] for e in categories.values())),
            currency.round(sum(e["vat"] for e in categories.values())),
            sum(e["count"] for e in categories.values()),
        )

    def _remember_period(self, fingerprint, untaxed, vat, transactions):
        """Record the exported period of the flow; say what changed since a
        previous export of it."""
        currency = self.company_id.currency_id
        vals = {
            "digest": hashlib.sha256(fingerprint.encode()).hexdigest(),
            "amount_untaxed": currency.round(untaxed),
            "amount_tax": currency.round(vat),
            "transactions": transactions,
            "exported_on": fields.Datetime.now(),
            "exported_by": self.env.uid,
        }
        Period = self.env["ecom.ereporting.period"].sudo()
        previous = Period.search(
            [
                ("company_id", "=", self.company_id.id),
                ("flow", "=", self.flow),
                ("date_from", "=", self.date_from),
                ("date_to", "=", self.date_to),
            ],
            limit=1,
        )
        if not previous:
            Period.create(
                dict(
                    vals,
                    company_id=self.company_id.id,
                    flow=self.flow,
                    date_from=self.date_from,
                    date_to=self.date_to,
                )
            )
            return False
        if previous.digest == vals["digest"]:
            note = self.env._(
                "Already exported on %(date)s: nothing changed since.",
                date=fields.Date.to_string(previous.exported_on.date()),
            )
        else:
            note = self.env._(
                "Already exported on %(date)s with %(old)s untaxed and %(old_count)s "
                "transactions; now %(new)s untaxed and %(new_count)s transactions: "
                "send a corrective report.",
                date=fields.Date.to_string(previous.exported_on.date()),
                old=float_repr(previous.amount_untaxed, currency.decimal_places),
                old_count=previous.transactions,
                new=float_repr(vals["amount_untaxed"], currency.decimal_places),
                new_count=vals["transactions"],
            )
        previous.write(dict(vals, export_count=previous.export_count + 1))
        return note

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
        currency = company.currency_id
        digits = currency.decimal_places
        payload = {
            "type": "ereporting_b2c_transactions",
            "version": 2,
            "seller": {"siren": self._get_siren(), "vat": company.vat, "name": company.name},
            "period": {
                "start": fields.Date.to_string(self.date_from),
                "end": fields.Date.to_string(self.date_to),
            },
            "currency": company.currency_id.name,
            "totals": [
                {
                    "date": fields.Date.to_string(day),
                    "category": category,
                    "transactions": entry["count"],
                    "amount_untaxed": float_repr(currency.round(entry["untaxed"]), digits),
                    "vat_amount": float_repr(currency.round(entry["vat"]), digits),
                    "rates": [
                        {
                            "vat_rate": float_repr(rate, 2),
                            "amount_untaxed": float_repr(untaxed, digits),
                            "vat_amount": float_repr(vat, digits),
                        }
                        for rate, untaxed, vat in entry["rates"]
                    ],
                }
                for (day, category), entry in self._get_categories(totals).items()
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
