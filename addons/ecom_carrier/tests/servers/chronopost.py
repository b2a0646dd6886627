# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chronopost's shipping and tracking SOAP services (Apache CXF) on
127.0.0.1.

What it checks the way Chronopost does: a well-formed SOAP 1.1 envelope with
the operation in the service namespace and its fields unqualified (else a
CXF ``soap:Client`` fault, HTTP 500); the account number and password (else
``errorCode`` 33 "Invalid accesColis account number" with HTTP 200);
``numberOfParcel`` equal to the number of ``skybillValue`` blocks; Chrono
Relais (86) with the relay id in ``recipientRef``; cancellation of an
unknown skybill → ``errorCode`` 2 "the parcel doesn't match account or
parcel information not found".

Codes 33 and 2 are Chronopost's documented ones; the other business errors
(bad postcode 3, weight 4, relay 5) are codes of this server only: the
client shows Chronopost's ``errorMessage`` for any code it does not map."""

import base64

from lxml import etree

from .soap_base import Response, SoapTestServer, escape, pdf, soap_fault, soap_response, values_of

SHIPPING_NS = "http://cxf.shipping.soap.chronopost.fr/"
TRACKING_NS = "http://cxf.tracking.soap.chronopost.fr/"


class ChronopostServer(SoapTestServer):
    def __init__(self, account="19869502", password="255562"):
        super().__init__()
        self.account = account
        self.password = password
        self.sequence = 1000
        #: skybill number → {"product", "recipientRef", "weight", "cancelled"}
        self.skybills = {}
        #: skybill number → list of (code, ISO date, label, zip, office)
        self.events = {}
        #: when set, the next shipping call answers this CXF SOAP fault (HTTP 500)
        self.fault_next = None

    # ------------------------------------------------------------ helpers

    def _fault_unmarshal(self, message):
        return soap_fault("soap:Client", f"Unmarshalling Error: {message}")

    def _error(self, operation, code, message, extra=""):
        return Response(
            200,
            soap_response(
                f'<ns1:{operation}Response xmlns:ns1="{self._ns(operation)}"><return>'
                f"<errorCode>{code}</errorCode><errorMessage>{escape(message)}</errorMessage>"
                f"{extra}</return></ns1:{operation}Response>"
            ),
        )

    def _ns(self, operation):
        return SHIPPING_NS if operation.startswith("shipping") else TRACKING_NS

    def _check_unqualified(self, operation):
        for element in operation.iter():
            if element is operation or not isinstance(element.tag, str):
                continue
            if etree.QName(element).namespace:
                return etree.QName(element).localname
        return None

    def next_number(self):
        self.sequence += 1
        return f"XP{self.sequence:09d}FR"

    # ------------------------------------------------------------ routes

    def route(self, request):
        if request.method != "POST":
            return None
        if request.path == "/shipping-cxf/ShippingServiceWS":
            return self._shipping(request)
        if request.path == "/tracking-cxf/TrackingServiceWS":
            return self._tracking(request)
        return None

    def _shipping(self, request):
        if self.fault_next:
            fault, self.fault_next = self.fault_next, None
            return soap_fault("soap:Server", fault)
        operation = request.operation
        if operation is None:
            return self._fault_unmarshal("the request is not a SOAP envelope")
        name = etree.QName(operation)
        if name.namespace != SHIPPING_NS or name.localname != "shippingMultiParcelV5":
            return soap_fault("soap:Client", f"Unexpected wrapper element {operation.tag} found.")
        qualified = self._check_unqualified(operation)
        if qualified:
            return self._fault_unmarshal(f"unexpected element {qualified}")
        values = values_of(operation)
        header = values_of(operation.find("headerValue"))
        if header.get("accountNumber") != self.account or values.get("password") != self.password:
            return self._error("shippingMultiParcelV5", 33, "Invalid accesColis account number")
        skybills = operation.findall("skybillValue")
        try:
            count = int(values.get("numberOfParcel") or 0)
        except ValueError:
            return self._fault_unmarshal("numberOfParcel is not a number")
        if not skybills or count != len(skybills):
            return self._error(
                "shippingMultiParcelV5", 1, "numberOfParcel does not match the skybills"
            )
        recipient = values_of(operation.find("recipientValue"))
        ref = values_of(operation.find("refValue"))
        if recipient.get("recipientCountry") == "FR" and not (
            recipient.get("recipientZipCode", "").isdigit()
            and len(recipient["recipientZipCode"]) == 5
        ):
            return self._error("shippingMultiParcelV5", 3, "Invalid recipient zip code")
        results = []
        created = []
        for skybill in skybills:
            data = values_of(skybill)
            try:
                weight = float(data.get("weight") or 0)
            except ValueError:
                return self._fault_unmarshal("weight is not a number")
            if weight <= 0 or weight > 30:
                return self._error(
                    "shippingMultiParcelV5", 4, f"Invalid weight {data.get('weight')}"
                )
            if data.get("productCode") == "86" and not ref.get("recipientRef"):
                return self._error(
                    "shippingMultiParcelV5", 5, "Relay point id missing in recipientRef"
                )
            number = self.next_number()
            created.append(
                (
                    number,
                    {
                        "product": data.get("productCode"),
                        "recipientRef": ref.get("recipientRef"),
                        "weight": weight,
                        "cancelled": False,
                    },
                )
            )
            label = base64.b64encode(pdf(f"Chronopost {number}")).decode()
            results.append(
                "<resultMultiParcelValue><codeDepot>75327227</codeDepot><codeService>226</codeService>"
                f"<geoPostNumeroColis>{number[:-2]}D</geoPostNumeroColis>"
                f"<pdfEtiquette>{label}</pdfEtiquette><skybillNumber>{number}</skybillNumber>"
                "</resultMultiParcelValue>"
            )
        self.skybills.update(dict(created))
        return Response(
            200,
            soap_response(
                f'<ns1:shippingMultiParcelV5Response xmlns:ns1="{SHIPPING_NS}"><return>'
                f"<errorCode>0</errorCode><errorMessage/>{''.join(results)}</return>"
                "</ns1:shippingMultiParcelV5Response>"
            ),
        )

    def _tracking(self, request):
        operation = request.operation
        if operation is None:
            return self._fault_unmarshal("the request is not a SOAP envelope")
        name = etree.QName(operation)
        if name.namespace != TRACKING_NS or name.localname not in (
            "cancelSkybill",
            "trackSkybillV2",
        ):
            return soap_fault("soap:Client", f"Unexpected wrapper element {operation.tag} found.")
        qualified = self._check_unqualified(operation)
        if qualified:
            return self._fault_unmarshal(f"unexpected element {qualified}")
        values = values_of(operation)
        number = values.get("skybillNumber", "")
        if name.localname == "cancelSkybill":
            if (
                values.get("accountNumber") != self.account
                or values.get("password") != self.password
            ):
                return self._error(
                    "cancelSkybill",
                    33,
                    "Invalid accesColis account number",
                    "<statusCode>0</statusCode>",
                )
            skybill = self.skybills.get(number)
            if skybill is None or skybill["cancelled"]:
                return self._error(
                    "cancelSkybill",
                    2,
                    "the parcel doesn't match account or parcel information not found",
                    "<statusCode>0</statusCode>",
                )
            if len(self.events.get(number, [])) > 1:
                return self._error(
                    "cancelSkybill",
                    3,
                    "The parcel has already been handed over",
                    "<statusCode>0</statusCode>",
                )
            skybill["cancelled"] = True
            return self._error("cancelSkybill", 0, "", "<statusCode>0</statusCode>")
        events = "".join(
            f"<events><code>{code}</code><eventDate>{moment}</eventDate>"
            f"<eventLabel>{escape(label)}</eventLabel>"
            f"<highPriority>{'true' if code in ('D', 'D1', 'D2') else 'false'}"
            f"</highPriority><NPC/><officeLabel>{escape(office)}</officeLabel><zipCode>{zip_code}</zipCode>"
            "</events>"
            for code, moment, label, zip_code, office in reversed(self.events.get(number, []))
        )
        return Response(
            200,
            soap_response(
                f'<ns1:trackSkybillV2Response xmlns:ns1="{TRACKING_NS}"><return>'
                f"<errorCode>0</errorCode><listEventInfoComp>{events}"
                f"<skybillNumber>{escape(number)}</skybillNumber></listEventInfoComp>"
                "</return></ns1:trackSkybillV2Response>"
            ),
        )
