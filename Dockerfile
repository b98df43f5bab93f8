FROM python:3.11-slim-bookworm

# WeasyPrint's libraries and fonts that cover Latin, Arabic and CJK names on letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The locked, hashed dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements/app.txt requirements/app.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/app.txt
COPY . .
RUN pip install --no-cache-dir --no-deps .

# collectstatic needs settings but no real secret or database.
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput

# var/media is the stored files' volume: created here so the volume starts owned by app.
RUN useradd --create-home --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
# An app server only: migrations are the release's own step, run once before the servers
# start (`python manage.py migrate`, the compose file's `migrate` service), never by each
# server as it starts (several starting at once would race). `exec` lets gunicorn receive the
# stop signal and finish its requests.
CMD ["sh", "-c", "exec gunicorn -c config/gunicorn.py config.wsgi --bind 0.0.0.0:8000 --workers 3"]
