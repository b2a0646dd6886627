# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from odoo import fields, models

#: FEC columns (article A47 A-1 of the LPF)
PIECE_REF, ENTRY_NUM, ACCOUNT_NUM, ACCOUNT_LABEL = 8, 2, 4, 5
JOURNAL_CODE, DEBIT, CREDIT, VALID_DATE, AMOUNT_CURRENCY, CURRENCY = 0, 11, 12, 15, 16, 17


class L10nFrFecExportWizard(models.TransientModel):
    _inherit = "l10n_fr.fec.export.wizard"

    ecom_file = fields.Binary(string="FEC file", readonly=True, attachment=False)
    ecom_filename = fields.Char(readonly=True)

    def generate_fec(self):
        # Odoo's file, brought to what the DGFiP checks (BOI-CF-IOR-60-40-20):
        # a PCG result account instead of 999999, a PieceRef on every line,
        # the posting date as ValidDate, no currency on company-currency
        # lines, and a .txt name SIREN + FEC + closing date.
        result = super().generate_fec()
        rows = list(csv.reader(io.StringIO(result["file_content"].decode("utf-8")), delimiter="|"))
        if rows:
            rows = [rows[0], *self._ecom_fix_fec_rows(rows[1:])]
        with io.StringIO() as buffer:
            csv.writer(buffer, delimiter="|", lineterminator="\r\n").writerows(rows)
            result["file_content"] = buffer.getvalue()[:-2].encode("utf-8")
        name = result["file_name"]
        if name.endswith(".csv"):
            result["file_name"] = name[:-4] + ".txt"
        result["file_type"] = "txt"
        return result

    def create_fec_report_action(self):
        """Download the file (Community has no action behind the button)."""
        action = super().create_fec_report_action()
        if action:
            return action
        self.ensure_one()
        result = self.generate_fec()
        self.write(
            {
                "ecom_file": base64.b64encode(result["file_content"]),
                "ecom_filename": result["file_name"],
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={self._name}&id={self.id}&field=ecom_file"
            f"&filename_field=ecom_filename&download=true",
            "target": "self",
        }

    def _ecom_fix_fec_rows(self, rows):
        company = self.env.company
        currency = company.currency_id.name
        result_accounts = self._ecom_get_result_accounts()
        unaffected = (
            self.env["account.account"]
            .search(
                [
                    *self.env["account.account"]._check_company_domain(company),
                    ("account_type", "=", "equity_unaffected"),
                ]
            )
            .mapped("code")
        )
        posted_dates = self._ecom_get_posted_dates({row[ENTRY_NUM] for row in rows})
        for row in rows:
            opening = row[ENTRY_NUM].startswith("OUVERTURE/")
            if opening and (row[ACCOUNT_NUM] in unaffected or row[ACCOUNT_NUM] == "120/129"):
                profit = self._ecom_amount(row[CREDIT]) >= self._ecom_amount(row[DEBIT])
                account = result_accounts["profit" if profit else "loss"]
                if account:
                    row[ACCOUNT_NUM], row[ACCOUNT_LABEL] = account.code, account.name
            if row[PIECE_REF].strip() in ("", "-"):
                row[PIECE_REF] = row[ENTRY_NUM]
            posted = posted_dates.get((row[JOURNAL_CODE], row[ENTRY_NUM]))
            if posted:
                row[VALID_DATE] = posted
            if row[CURRENCY] == currency:
                row[AMOUNT_CURRENCY] = row[CURRENCY] = ""
            yield row

    def _ecom_get_result_accounts(self):
        company = self.env.company
        chosen = company.ecom_fec_result_account_id
        if chosen:
            return {"profit": chosen, "loss": chosen}
        Account = self.env["account.account"]

        def by_code(code):
            return Account.search(
                [*Account._check_company_domain(company), ("code", "=", code)], limit=1
            )

        return {"profit": by_code("120000"), "loss": by_code("129000")}

    def _ecom_get_posted_dates(self, names):
        """``{(journal code, entry number): 'YYYYMMDD'}`` of the posting days."""
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.env.company._accessible_branches().ids),
                    ("name", "in", sorted(names)),
                    ("ecom_posted_date", "!=", False),
                ]
            )
        )
        return {
            (move.journal_id.code, move.name): move.ecom_posted_date.strftime("%Y%m%d")
            for move in moves
        }

    @staticmethod
    def _ecom_amount(text):
        return float((text or "0").replace(",", ".").strip() or 0)
