# syntax=docker/dockerfile:1
# The agent console as static files behind an unprivileged nginx (docker/compose.yml puts it behind the front nginx).
# Build from the repository root:  docker build -f docker/console.Dockerfile -t hotline-console .

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps/api/package.json apps/api/
COPY libs/contracts/package.json libs/contracts/
COPY libs/domain/package.json libs/domain/
COPY apps/agent-console/package.json apps/agent-console/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY libs libs
COPY apps/agent-console apps/agent-console
RUN cd apps/agent-console && npx vite build

FROM nginxinc/nginx-unprivileged:1.27-alpine AS runtime
COPY --from=build /app/apps/agent-console/dist /usr/share/nginx/html
COPY docker/console-nginx.conf /etc/nginx/conf.d/default.conf
USER 101
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -qO- http://127.0.0.1:8080/ >/dev/null || exit 1
CMD ["nginx", "-g", "daemon off;"]
