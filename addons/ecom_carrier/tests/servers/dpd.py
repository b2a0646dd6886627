# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DPD France's e-station SOAP service (ASP.NET ``eprintwebservice.asmx``)
on 127.0.0.1.

Like the real service: the ``SOAPAction`` header must name the operation,
the body must be a well-formed envelope with the elements in the
``http://www.cargonet.software`` namespace; every refusal is a SOAP fault
with HTTP 500 and ``detail/Error{ErrorId, ErrorMessage}``:
``PermissionDenied`` (``UserCredentials`` header), ``InvalidWeight`` ("Invalid
weight - 0", over 31.5 kg), ``InvalidCountryPrefix``, ``InvalidInput``
(Predict without SMS number, Relais without shop id, missing postcode).
A label answer carries the ``EPRINT`` label and the ``BIC3`` depot copy."""

import base64

from lxml import etree

from .soap_base import Response, SoapTestServer, escape, pdf, soap_fault, soap_response

NS = "http://www.cargonet.software"
COUNTRIES = {"FR", "BE", "DE", "LU", "NL", "ES", "IT", "PT", "AT"}


def _q(element, path):
    """Text at ``a/b/c`` (every step in the service namespace)."""
    for step in path.split("/"):
        if element is None:
            return ""
        element = element.find(f"{{{NS}}}{step}")
    return (element.text or "").strip() if element is not None else ""


class DpdServer(SoapTestServer):
    def __init__(self, userid="demo", password="demo-secret", centernumber="77", customer="12345"):
        super().__init__()
        self.userid = userid
        self.password = password
        self.centernumber = centernumber
        self.customer = customer
        self.sequence = 250000000000
        #: parcel number → the request element
        self.parcels = {}

    def _error(self, error_id, message):
        return soap_fault(
            "soap:Server",
            message,
            f"<detail><Error><ErrorId>{error_id}</ErrorId>"
            f"<ErrorMessage>{escape(message)}</ErrorMessage></Error></detail>",
        )

    def route(self, request):
        if request.method != "POST" or request.path != "/eprintwebservice/eprintwebservice.asmx":
            return None
        action = (request.header("SOAPAction") or "").strip('"')
        if action != f"{NS}/CreateShipmentWithLabelsBc":
            return soap_fault(
                "soap:Client",
                f"Server did not recognize the value of HTTP Header SOAPAction: {action}.",
            )
        operation = request.operation
        if operation is None or operation.tag != f"{{{NS}}}CreateShipmentWithLabelsBc":
            return soap_fault(
                "soap:Client",
                "Server was unable to read request. ---> There is an error in XML document (1, 1).",
            )
        credentials = (
            request.soap_header.find(f"{{{NS}}}UserCredentials")
            if request.soap_header is not None
            else None
        )
        if (
            credentials is None
            or _q(credentials, "userid") != self.userid
            or _q(credentials, "password") != self.password
        ):
            return self._error("PermissionDenied", "Permission denied - wrong user or password")
        data = operation.find(f"{{{NS}}}request")
        if data is None:
            return self._error("InvalidInput", "request missing")
        if (
            _q(data, "customer_centernumber") != self.centernumber
            or _q(data, "customer_number") != self.customer
        ):
            return self._error("PermissionDenied", "Permission denied - customer not allowed")
        country = _q(data, "receiveraddress/countryPrefix")
        if country not in COUNTRIES:
            return self._error("InvalidCountryPrefix", f"Invalid country prefix - {country}")
        if not _q(data, "receiveraddress/zipCode"):
            return self._error("InvalidInput", "Invalid input - receiver zipCode")
        raw_weight = _q(data, "weight")
        try:
            weight = float(raw_weight)
        except ValueError:
            return self._error("InvalidWeight", f"Invalid weight - {raw_weight}")
        if weight <= 0 or weight > 31.5:
            return self._error("InvalidWeight", f"Invalid weight - {raw_weight}")
        contact_type = _q(data, "services/contact/type")
        if contact_type == "Predict" and not _q(data, "services/contact/sms"):
            return self._error("InvalidInput", "Invalid input - Predict needs a mobile number")
        shop = data.find(f"{{{NS}}}services/{{{NS}}}parcelshop")
        if shop is not None and not _q(shop, "shopaddress/shopid"):
            return self._error("InvalidInput", "Invalid input - parcelshop shopid")
        self.sequence += 1
        number = f"{self.sequence:014d}"
        self.parcels[number] = etree.tostring(data)
        label = base64.b64encode(pdf(f"DPD {number}")).decode()
        copy = base64.b64encode(pdf(f"BIC3 {number}")).decode()
        return Response(
            200,
            soap_response(
                f'<CreateShipmentWithLabelsBcResponse xmlns="{NS}">'
                "<CreateShipmentWithLabelsBcResult>"
                f"<shipments><ShipmentBc><Shipment><BarcodeId>{number}</BarcodeId>"
                f"<BarcodeSource>902</BarcodeSource><BarCode>%0075011{number}337902</BarCode>"
                "</Shipment><Type>EPRINT</Type></ShipmentBc></shipments>"
                f"<labels><Label><type>EPRINT</type><label>{label}</label></Label>"
                f"<Label><type>BIC3</type><label>{copy}</label></Label></labels>"
                "</CreateShipmentWithLabelsBcResult></CreateShipmentWithLabelsBcResponse>"
            ),
        )
