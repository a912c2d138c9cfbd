# syntax=docker/dockerfile:1
# Huji apps image: one image, several entry points (api by default; the projector overrides CMD).

# ---- build: compile TypeScript with swc, then drop dev dependencies ----
FROM node:20-bookworm AS build
# Toolchain for better-sqlite3's native addon when no prebuilt binary fits (node-gyp fallback).
# The full bookworm image usually ships these already; listing them keeps the build from relying on it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Dependencies first, for layer caching. --ignore-scripts because the root `prepare` script runs the
# build and the sources are not copied yet; the dependencies' own install scripts run just after.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 protobufjs @swc/core

COPY . .
# bin/ is created if the repo has none yet, so the runtime COPY below always has a source.
RUN npm run build \
 && mkdir -p bin \
 && npm prune --omit=dev

# ---- runtime: slim image, production dependencies and compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# The server listens on 127.0.0.1 unless told otherwise; in a container that would be unreachable, so every
# interface of the container: who reaches it is decided where the port is published (docker-compose.yml).
ENV HUJI_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Code stays root-owned (read-only to the app); only data/ (local SQLite mode) is writable.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 700 /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
