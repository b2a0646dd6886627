# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order files (CSV / XML) exchanged with marketplaces and logisticians."""

from .adapter import FileAdapter
from .client import FileClient
from .mapper import FileMapper
