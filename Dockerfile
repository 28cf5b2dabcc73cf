# syntax=docker/dockerfile:1.7
#
# One build for every HealthSync image: the services share the dependency install and the
# TypeScript build; each image gets only its own compiled code and production dependencies,
# runs as the unprivileged `node` user (uid 1000) on a read-only root filesystem (the chart
# mounts /tmp), and has no build tools.
#
#   docker build --build-arg SERVICE=user -t <acr>/healthsync/user:<tag> .
#   docker build --target migrations      -t <acr>/healthsync/migrations:<tag> .
#   docker build --target usage-analytics -t <acr>/healthsync/usage-analytics:<tag> .
#
# SERVICE is one of gateway, user, health, goal, intelligence, batch. Node 22 LTS in the
# images (the project supports Node >= 20.18 or >= 22; Node 20 is out of security support);
# pin NODE_IMAGE to a digest in the pipeline for reproducible builds.
ARG NODE_IMAGE=node:22-bookworm-slim
# The Python service (usage-analytics): the CPython minor version the project is tested with.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# -- Dependencies (all workspaces), cached until a package manifest changes --------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY services/shared/package.json services/shared/
COPY services/gateway/package.json services/gateway/
COPY services/user/package.json services/user/
COPY services/health/package.json services/health/
COPY services/goal/package.json services/goal/
COPY services/intelligence/package.json services/intelligence/
COPY services/batch/package.json services/batch/
COPY standins/google-oidc/package.json standins/google-oidc/
COPY standins/nhis/package.json standins/nhis/
COPY standins/claude/package.json standins/claude/
COPY standins/fcm/package.json standins/fcm/
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund --loglevel=error

# -- Build: every service's TypeScript ---------------------------------------------------------
FROM deps AS build
COPY tsconfig.base.json ./
COPY services ./services
RUN ./node_modules/.bin/tsc -b services/gateway services/user services/health services/goal services/intelligence services/batch

# -- Production dependencies only ----------------------------------------------------------------
# Plus @azure/identity at the version the lock file already has: the health service loads it
# only with BLOB_AUTH=managed-identity (Azure), so no workspace declares it as a dependency.
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --loglevel=error \
 && identity="$(node -p "require('./package-lock.json').packages['node_modules/@azure/identity'].version")" \
 && npm install --no-save --omit=dev --no-audit --no-fund --loglevel=error "@azure/identity@${identity}"

# -- Migration files of every service ----------------------------------------------------------
FROM ${NODE_IMAGE} AS migration-files
COPY services /src/services
RUN mkdir -p /out && cd /src && find services -path '*/migrations/*.sql' -exec cp --parents {} /out/ \;

# -- The migration Job's image -------------------------------------------------------------------
FROM ${NODE_IMAGE} AS migrations
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY scripts/migrate.mjs scripts/
COPY scripts/lib/databases.mjs scripts/lib/log.mjs scripts/lib/paths.mjs scripts/lib/
COPY --from=migration-files /out/services ./services
COPY deploy/migrate-job.mjs deploy/
USER node
CMD ["node", "deploy/migrate-job.mjs"]

# -- The usage-analytics image (Python) ----------------------------------------------------------
# Its pinned packages in a virtual environment built in a throw-away stage, then copied into a
# clean image with only the service's package and the event contract it validates against.
FROM ${PYTHON_IMAGE} AS usage-analytics-deps
COPY services/usage-analytics/requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE} AS usage-analytics
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    APP_HOST=0.0.0.0
# The chart runs every container as uid/gid 1000 on a read-only root filesystem.
RUN groupadd --gid 1000 app && useradd --uid 1000 --gid 1000 --no-create-home --shell /usr/sbin/nologin app
COPY --from=usage-analytics-deps /opt/venv /opt/venv
COPY contracts/schemas /app/contracts/schemas
COPY services/usage-analytics/usage_analytics /app/services/usage-analytics/usage_analytics
WORKDIR /app/services/usage-analytics
USER 1000
CMD ["python", "-m", "usage_analytics"]

# -- A service's image (the default target) ------------------------------------------------------
FROM ${NODE_IMAGE} AS service
ARG SERVICE
ENV NODE_ENV=production \
    APP_HOST=0.0.0.0
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/services/shared/package.json services/shared/
COPY --from=build /app/services/shared/dist services/shared/dist
COPY --from=build /app/services/${SERVICE}/package.json services/${SERVICE}/
COPY --from=build /app/services/${SERVICE}/dist services/${SERVICE}/dist
WORKDIR /app/services/${SERVICE}
USER node
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
