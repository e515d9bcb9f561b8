# The CMS image for docker-compose.yml, in two stages:
#   build   – all dependencies, and the admin UI built (`npm run build:admin`); no secret, no data
#   runtime – the production dependencies, the sources and the built admin, run as the
#             unprivileged user `node` (1000:1000 in the base image; numeric, so that an
#             orchestrator can tell it is not root); the secret comes from PAYLOAD_SECRET when it
#             starts
# One Node: the base image's. The `node` package, which pins Node 24 for development on hosts
# with an older Node, is a devDependency: `--omit=dev` leaves it out, and `--ignore-scripts`
# keeps the build stage from downloading its binary (it is the only install script allowed in
# package.json's allowScripts, so no other package loses one).
# Paths in RUN commands are relative to WORKDIR.
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY cms/package.json cms/
COPY site/package.json site/
RUN npm ci --ignore-scripts && rm -rf node_modules/node node_modules/.bin/node
COPY . .
RUN npm run build:admin && rm -rf cms/.next/cache

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY package.json package-lock.json tsconfig.json ./
COPY cms/package.json cms/
COPY site/package.json site/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/cms cms/
COPY site site/
COPY scripts scripts/
COPY content content/
# The server writes only the data folder (a volume in docker-compose.yml; a new named volume
# takes its owner from here) and the reader site's generated content types (site/.astro, where
# Astro always puts them).
RUN mkdir data site/.astro && chown 1000:1000 data site/.astro
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node_modules/.bin/tsx", "cms/src/cli/start.ts"]
