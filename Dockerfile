# Innfri for operators: exactly the build and start steps the tests run (test/e2e/build.test.ts:
# `npm run build`, then `node dist/server/innfri.js serve`). NOT BUILT HERE: the machines this was
# written on have no container daemon and no image registry, so no image was ever built or run from
# this file; read it as the recipe, and build and try it before relying on it.

# --- build: every dependency, the web UI (vite) and the server bundle (esbuild) -----------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/money/package.json packages/money/
COPY packages/agency-client/package.json packages/agency-client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies only, the bundle and the web assets, as a non-root user -------
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    INNFRI_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/money/package.json packages/money/
COPY packages/agency-client/package.json packages/agency-client/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The bundle (dist/server) and the web UI (web/dist) sit where the code looks for them (two folders up).
COPY --from=build /app/dist/server dist/server
COPY --from=build /app/web/dist web/dist
COPY bin bin
# The embedded database's folder (unused with DATABASE_URL), owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/innfri.js", "serve", "--no-seed"]
