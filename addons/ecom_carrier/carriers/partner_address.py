# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A partner as the address dict the SOAP carriers' clients read
(Chronopost, Mondial Relay, DPD France): reads fields, writes nothing."""


def partner_address(partner, contact=None):
    """``{"name", "company", "street", "street2", "zip", "city", "country",
    "phone", "mobile", "email"}`` of ``partner``; ``contact`` (the customer
    behind a relay point) gives the person's name, phones and e-mail."""
    contact = contact or partner
    commercial = contact.commercial_partner_id
    person = contact if not contact.is_company else None
    return {
        "name": (person.name if person else contact.name) or "",
        "company": commercial.name if commercial.is_company and commercial != person else "",
        "street": partner.street or "",
        "street2": partner.street2 or "",
        "zip": (partner.zip or "").strip(),
        "city": partner.city or "",
        "country": partner.country_id.code or "FR",
        "phone": contact.phone or partner.phone or "",
        "mobile": contact.mobile or partner.mobile or "",
        "email": contact.email or partner.email or "",
    }
