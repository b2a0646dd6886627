# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import hmac
import json
import logging
import re

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)

#: (signature header, event id header, topic header) of each platform's webhooks
WEBHOOK_HEADERS = {
    "shopify": ("X-Shopify-Hmac-Sha256", "X-Shopify-Webhook-Id", "X-Shopify-Topic"),
    "woocommerce": ("X-WC-Webhook-Signature", "X-WC-Webhook-Delivery-ID", "X-WC-Webhook-Topic"),
}
#: platforms without signed webhooks of their own sign with this header
GENERIC_HEADERS = ("X-Ecom-Hmac-Sha256", "X-Ecom-Event-Id", "X-Ecom-Topic")


def _json(http_status, **body):
    return request.make_response(
        json.dumps(body), headers=[("Content-Type", "application/json")], status=http_status
    )


#: WooCommerce's ping of a new webhook
PING = re.compile(rb"webhook_id=\d+")


def _same_signature(expected, received):
    """Constant-time comparison of the header as bytes: a header with
    non-ASCII bytes is a wrong signature, not a server error."""
    return hmac.compare_digest(
        expected.encode(), received.strip().encode("latin-1", errors="replace")
    )


def _signature(secret, body):
    """Base64 HMAC-SHA256 of the raw body, as Shopify and WooCommerce sign."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


class EcomController(http.Controller):
    def _get_backend(self, backend_id):
        backend = request.env["ecom.backend"].sudo().browse(backend_id).exists()
        return backend if backend and backend.active else None

    @http.route(
        "/ecom/webhook/<int:backend_id>",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def webhook(self, backend_id, **kwargs):
        """A shop's webhook: verified over the raw body, stored, processed by
        a job; answers at once.  A re-delivery (same event id) is accepted
        and dropped."""
        backend = self._get_backend(backend_id)
        if not backend:
            return _json(404, error="unknown shop")
        body = request.httprequest.get_data()
        headers = request.httprequest.headers
        sig_header, event_header, topic_header = WEBHOOK_HEADERS.get(
            backend.platform, GENERIC_HEADERS
        )
        received = headers.get(sig_header, "")
        # the form body may already be parsed into the parameters
        ping = PING.fullmatch(body) or (
            not body and set(kwargs) == {"webhook_id"} and str(kwargs["webhook_id"]).isdigit()
        )
        if not received and backend.platform == "woocommerce" and ping:
            # WooCommerce pings a new webhook unsigned, with a form body: answer
            # it so that the webhook is saved as active; nothing is stored
            return _json(200, status="pong")
        secret = backend.webhook_secret
        if not secret or not received or not _same_signature(_signature(secret, body), received):
            _logger.warning(
                "ecom webhook refused for backend %s from %s: %s signature",
                backend.id,
                request.httprequest.remote_addr,
                "missing" if not received else "wrong",
            )
            return _json(401, error="invalid signature")
        event_id = headers.get(event_header) or None
        topic = headers.get(topic_header) or None
        if ping:
            return _json(200, status="pong")
        entry = (
            request.env["ecom.inbox"]
            .sudo()
            ._receive(
                backend,
                body,
                source="webhook",
                event_id=event_id,
                topic=topic,
                content_type=headers.get("Content-Type", "application/json"),
            )
        )
        # a copy of a delivery stored by a concurrent request is answered the same
        return _json(200, status="received", inbox_id=entry.id or None)

    @http.route(
        "/ecom/api/v1/<int:backend_id>/orders",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def push_orders(self, backend_id, **kwargs):
        """Push API: a canonical order (or a list), or with ``?format=platform``
        the shop's own order payload; authenticated by the backend's API key
        (``Authorization: Bearer <key>`` or ``X-Api-Key``)."""
        backend = self._get_backend(backend_id)
        if not backend:
            return _json(404, error="unknown shop")
        headers = request.httprequest.headers
        key = headers.get("X-Api-Key") or ""
        auth = headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            key = auth[7:].strip()
        if not key:
            return _json(401, error="missing API key")
        if not backend._check_push_api_key(key):
            _logger.warning(
                "ecom push API: wrong key for backend %s from %s",
                backend.id,
                request.httprequest.remote_addr,
            )
            return _json(401, error="invalid API key")
        body = request.httprequest.get_data()
        fmt = kwargs.get("format") or "canonical"
        if fmt not in ("canonical", "platform"):
            return _json(400, error="format must be canonical or platform")
        Inbox = request.env["ecom.inbox"].sudo()
        entry = Inbox._receive(
            backend,
            body,
            source="push",
            payload_format=fmt,
            kind="batch",
            content_type=headers.get("Content-Type", "application/json"),
        )
        if entry.payload_size > Inbox._max_payload():
            return _json(413, error="payload too large", inbox_id=entry.id)
        return _json(202, status="queued", inbox_id=entry.id)
