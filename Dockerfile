# The app installed as a package (a wheel), not a copy of the source tree: the image holds the
# locked dependencies, the wheel (every app, its migrations, templates/ and static/ inside the
# config package: setup.py) and var/ for what the app writes; no tests, no docs, no source.

# Build the wheel from the context (.dockerignore keeps .venv, var, tests, secrets... out).
FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm

# WeasyPrint's libraries and fonts that cover Latin, Arabic and CJK names on letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# The locked, hashed dependencies first: this layer is rebuilt only when the lock changes.
COPY requirements/app.txt /tmp/requirements-app.txt
RUN pip install --no-cache-dir --require-hashes -r /tmp/requirements-app.txt \
    && rm /tmp/requirements-app.txt
COPY --from=wheel /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels

# An installed app keeps what it writes in the working directory's var/ (config/settings.py).
WORKDIR /app
# collectstatic needs settings but no real secret, database or mail server.
RUN DJANGO_SECRET_KEY=build-only \
    DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend \
    massage-intake collectstatic --noinput

# var/media is the stored files' volume: created here so the volume starts owned by app.
RUN useradd --create-home --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
# An app server only: migrations are the release's own step, run once before the servers
# start (`massage-intake migrate`, the compose file's `migrate` service), never by each
# server as it starts (several starting at once would race). `exec` lets gunicorn receive the
# stop signal and finish its requests. Its settings are the installed config/gunicorn.py.
CMD ["sh", "-c", "exec gunicorn -c python:config.gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 3"]
