# syntax=docker/dockerfile:1
# The API image (it also serves the agent console at /): built in one stage, run from a slim one as the
# unprivileged `node` user.
# Build from the repository root:  docker build -f docker/api.Dockerfile -t hotline-api .

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json nest-cli.json ./
COPY apps/api/package.json apps/api/
COPY libs/contracts/package.json libs/contracts/
COPY libs/domain/package.json libs/domain/
COPY apps/agent-console/package.json apps/agent-console/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY libs libs
COPY apps/api apps/api
COPY apps/agent-console apps/agent-console
RUN npx tsc -b apps/api/tsconfig.app.json \
 && (cd apps/agent-console && npx vite build) \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/libs/contracts/package.json libs/contracts/
COPY --from=build --chown=node:node /app/libs/contracts/dist libs/contracts/dist
COPY --from=build --chown=node:node /app/libs/domain/package.json libs/domain/
COPY --from=build --chown=node:node /app/libs/domain/dist libs/domain/dist
COPY --from=build --chown=node:node /app/libs/knowledge/data libs/knowledge/data
COPY --from=build --chown=node:node /app/apps/api/package.json apps/api/
COPY --from=build --chown=node:node /app/apps/api/dist apps/api/dist
COPY --from=build --chown=node:node /app/apps/agent-console/dist apps/agent-console/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/api/dist/main.js"]
