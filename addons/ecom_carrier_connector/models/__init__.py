from . import ecom_res_partner
from . import ecom_sale_order
from . import stock_picking
