# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import models

PURCHASE_TEMPLATES = (
    "purchase.email_template_edi_purchase",
    "purchase.email_template_edi_purchase_done",
)


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _generate_template_attachments(self, res_ids, render_fields, render_results=None):
        # the neutral delivery slip goes with every dropship request for
        # quotation or purchase order e-mailed to the supplier
        render_results = super()._generate_template_attachments(
            res_ids, render_fields, render_results=render_results
        )
        if (
            self.model != "purchase.order"
            or "report_template_ids" not in render_fields
            or self.get_external_id().get(self.id) not in PURCHASE_TEMPLATES
        ):
            return render_results
        report = self.env.ref("ecom_dropship.action_report_dropship_slip")
        for order in self.env["purchase.order"].browse(res_ids).filtered("ecom_is_dropship"):
            content, report_format = self.env["ir.actions.report"]._render_qweb_pdf(
                report, order.ids
            )
            name = self.env._("Delivery slip - %s", order._ecom_get_dropship_reference())
            render_results.setdefault(order.id, {}).setdefault("attachments", []).append(
                (f"{name}.{report_format}", base64.b64encode(content))
            )
        return render_results
