# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

import requests

from ..platforms.base import HttpClient
from .common import EcomConnectorCase


def _response(status, body, content_type="application/json"):
    response = requests.Response()
    response.status_code = status
    response._content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    response.headers["Content-Type"] = content_type
    return response


class TestAdapterBase(EcomConnectorCase):
    def test_error_detail_speaks_the_platform_words(self):
        adapter = HttpClient(self.backend)
        magento = _response(
            400,
            {"message": '"%1" is required. Enter and try again.', "parameters": ["searchCriteria"]},
        )
        self.assertEqual(
            adapter._error_detail(magento), '"searchCriteria" is required. Enter and try again.'
        )
        named = _response(
            404,
            {
                "message": "No such entity with %fieldName = %fieldValue",
                "parameters": {"fieldName": "orderId", "fieldValue": "42"},
            },
        )
        self.assertEqual(adapter._error_detail(named), "No such entity with orderId = 42")
        woo = _response(
            400,
            {
                "code": "rest_invalid_param",
                "message": "Invalid parameter(s): per_page",
                "data": {"status": 400},
            },
        )
        self.assertEqual(adapter._error_detail(woo), "Invalid parameter(s): per_page")
        html = _response(404, "<html>" + "x" * 1000 + "</html>", "text/html")
        self.assertEqual(len(adapter._error_detail(html)), 300)

    def test_retry_after(self):
        adapter = HttpClient(self.backend)
        response = _response(429, {})
        response.headers["Retry-After"] = "7"
        self.assertEqual(adapter._retry_after(response), 7)
        response.headers["Retry-After"] = "3600"
        self.assertEqual(adapter._retry_after(response), adapter.max_wait)
        response.headers["Retry-After"] = "Wed, 21 Oct 2015 07:28:00 GMT"
        self.assertEqual(adapter._retry_after(response), 1)
        del response.headers["Retry-After"]
        self.assertIsNone(adapter._retry_after(response))
