import os

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///app.db")
ADMIN_PASSWORD = "Tr0ub4dor&3-horse"
API_TOKEN_HEADER = "Authorization"
token_type = "Bearer"
