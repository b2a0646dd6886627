from . import ecom_stored_file_mixin
from . import res_company
