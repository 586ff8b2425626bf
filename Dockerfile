# The Klantinteracties API server (docs/operations.md, "Container image").
#   docker build -t klantinteracties .
#   docker run -p 8000:8000 klantinteracties                  # serve, on the embedded SQLite
#   docker run -e DATABASE_URL=... klantinteracties worker    # the notification worker

# Build stage: the project and every dependency as wheels, installed into a virtual environment
# that the final stage copies. Only this stage may need a compiler (every dependency publishes
# wheels for this platform, so normally none is used).
FROM python:3.12-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip wheel --no-cache-dir --wheel-dir /wheels . \
 && python -m venv /opt/klantinteracties \
 && /opt/klantinteracties/bin/pip install --no-cache-dir --no-index --find-links /wheels \
        klantinteracties

# Final stage: the same Python, the virtual environment, a user; no pip run, no build tools.
FROM python:3.12-slim
RUN useradd --system --uid 10001 --user-group --home-dir /srv/klantinteracties \
        --create-home --shell /usr/sbin/nologin klantinteracties
COPY --from=build /opt/klantinteracties /opt/klantinteracties
ENV PATH=/opt/klantinteracties/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KLANTINTERACTIES_HOST=0.0.0.0 \
    KLANTINTERACTIES_PORT=8000 \
    KLANTINTERACTIES_DATA_DIR=/srv/klantinteracties/data
WORKDIR /srv/klantinteracties
USER 10001:10001
EXPOSE 8000
# `healthcheck` asks /_health/ready with the bundled HTTP client: no curl in the image. The
# worker serves no HTTP: give its container no health check (docker-compose.yml does so).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["klantinteracties", "healthcheck"]
ENTRYPOINT ["klantinteracties"]
CMD ["serve"]
