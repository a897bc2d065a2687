# The application image used by docker-compose.yml (API and report scheduler).
FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY extractors ./extractors
COPY api ./api
COPY data ./data
RUN pip install --no-cache-dir --no-deps .
USER nobody
