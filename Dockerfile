# The application image used by docker-compose.yml (API and report scheduler).
# Stage 1 builds the explorer page and GraphiQL's bundles (npm) into api/static/.
FROM node:20-slim AS frontend
WORKDIR /app
COPY api/schema.graphql ./api/schema.graphql
COPY frontend ./frontend
RUN cd frontend && npm ci --no-audit --no-fund && npm run build

FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY extractors ./extractors
COPY api ./api
COPY --from=frontend /app/api/static ./api/static
COPY data ./data
RUN pip install --no-cache-dir --no-deps .
USER nobody
