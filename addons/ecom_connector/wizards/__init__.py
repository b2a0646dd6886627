from . import ecom_backend_api_key
from . import ecom_file_upload
