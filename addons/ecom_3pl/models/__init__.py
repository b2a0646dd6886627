from . import ecom_3pl_format
from . import ecom_3pl_format_field
from . import ecom_3pl_provider
from . import ecom_3pl_file
from . import ecom_3pl_file_line
from . import ecom_3pl_stock_discrepancy
from . import stock_picking
from . import stock_quant_package
