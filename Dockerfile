# kizuna app image: the Dash app (`kizuna serve`) against an external Neo4j 5
# (KIZUNA_STORE_URI), as run by docker-compose.yml.  The embedded ArcadeDB store is not
# installed (it is for development and CI; see docs/store.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF reports) needs Pango; fonts for Japanese text in reports and charts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 kizuna
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY cypher ./cypher
COPY loaders ./loaders
COPY analytics ./analytics
COPY dashboard ./dashboard
COPY reports ./reports
COPY kizuna ./kizuna
COPY data ./data
RUN pip install .

USER kizuna
ENV KIZUNA_DATA_DIR=/home/kizuna/data
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/', timeout=4)"
CMD ["kizuna", "serve", "--host", "0.0.0.0", "--port", "8050"]
