# syntax=docker/dockerfile:1
# Lumbar Guide on CPU: the chat UI, API and widget on port 7860, index and feedback in /data.
# `docker compose up` runs it with a Chroma server and Redis (compose.yaml).

# The wheel, built apart so the image holds the installed package and no source tree.
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY assistant assistant
COPY corpus corpus
COPY prompts prompts
RUN pip wheel --no-deps --no-cache-dir --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The CPU build of torch first, from PyTorch's CPU index: the dependencies below find it
# installed (constraints.txt holds it there) and pip never pulls the multi-GB CUDA build.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

# The dependencies (and the redis extra, for rate limits shared by workers) in a layer of their
# own, so a code change does not reinstall them.
COPY pyproject.toml constraints.txt /tmp/
RUN python - > /tmp/requirements.txt <<'EOF'
import tomllib
project = tomllib.load(open("/tmp/pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"].get("redis", [])))
EOF
RUN pip install --constraint /tmp/constraints.txt --requirement /tmp/requirements.txt

COPY --from=wheel /dist /tmp/dist
RUN pip install --no-deps /tmp/dist/*.whl && rm -rf /tmp/dist /tmp/*.txt /tmp/pyproject.toml

RUN useradd --create-home --uid 10001 lumbar && install -d -o lumbar -g lumbar /data
USER lumbar
WORKDIR /home/lumbar
ENV ASSISTANT_DATA_DIR=/data \
    ASSISTANT_HOST=0.0.0.0
VOLUME /data
EXPOSE 7860

HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 CMD ["python", "-c", \
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7860/api/v1/healthz', timeout=4)"]

# `assistant ingest` embeds only what is new or changed, so it is cheap once the index exists.
# uvicorn's own proxy-header handling is off: the app believes X-Forwarded-For only from
# ASSISTANT_TRUSTED_PROXIES. WORKERS above 1 suits API and widget traffic only: Gradio keeps each
# chat session in the process that opened it, so the chat UI needs a single worker.
CMD ["sh", "-c", "assistant ingest && exec uvicorn --factory assistant.server.app:app_from_environment --workers ${WORKERS:-1} --host 0.0.0.0 --port 7860 --no-proxy-headers --no-access-log"]
