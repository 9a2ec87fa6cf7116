# ScoreSync image: build with the full toolchain, run on a slim image as a non-root user.
# Config is a volume (/app/config, /app/mappings); state and data live in /data (the working directory).
# The container runs `scoresync serve` (scheduler + admin API on port 8080, every interface); every CLI command
# still works as the entry point's subcommand: `docker run … scoresync-image run --dry-run`.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY bench ./bench
COPY examples ./examples
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY mappings ./mappings
COPY examples ./examples
RUN mkdir -p /data && chown node:node /data
ENV PORT=8080
EXPOSE 8080
USER node
WORKDIR /data
VOLUME ["/app/config", "/app/mappings", "/data"]
ENTRYPOINT ["node", "/app/dist/src/cli/main.js", "--config", "/app/config/scoresync.yaml"]
CMD ["serve", "--host", "0.0.0.0"]
# The slim image has no curl: Node's own fetch asks /healthz (unauthenticated, answers while the process is up).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
