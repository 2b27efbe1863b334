# syntax=docker/dockerfile:1
#
# Atlas CRM image: one image, three roles (selected by the command):
#   npm run api       Fastify API + admin UI (default)
#   npm run worker    Temporal worker
#   npm run migrate   database migrations (one-shot)
# Server code is TypeScript executed by tsx at runtime (no compile step), so tsx is a
# production dependency. All stages share the same base image so that the native,
# platform-specific packages (esbuild, @swc/core, @temporalio/core-bridge) installed by
# `npm ci` match the runtime.

# ---- deps: every dependency (dev included), needed to build the admin UI -------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- prod-deps: production dependencies only (includes tsx) -------------------------
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

# ---- build: admin UI static bundle (admin-ui/dist) ----------------------------------
FROM deps AS build
COPY . .
RUN npm run build:ui

# ---- runtime -------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=3000 \
  DATA_DIR=/app/.data \
  NPM_CONFIG_UPDATE_NOTIFIER=false \
  NPM_CONFIG_FUND=false
WORKDIR /app

# Code stays root-owned (read-only for the app); only the data dir and MikroORM's
# metadata cache dir (./temp) are writable by the unprivileged `node` user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/admin-ui/dist ./admin-ui/dist
RUN mkdir -p /app/.data /app/temp \
  && chown -R node:node /app/.data /app/temp

USER node
EXPOSE 3000

# Only meaningful for the API role; compose disables it for the worker and migrate jobs.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["npm", "run", "api"]
