# awaitbot: Discord bot that explains async errors.
#   docker build -t awaitbot .
#   docker run -d --name awaitbot --env-file .env -v awaitbot-data:/data awaitbot
# See docs/self-hosting.md.

# ---- build: compilers live only here (better-sqlite3 is a native module) ----
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Install without lifecycle scripts (the "prepare" build needs the sources,
# copied below), then build the one native module that is needed.
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev \
 && npm cache clean --force

# ---- runtime: no compilers, not root ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/awaitbot.db \
    LOG_LEVEL=info
# Fonts for the /stats chart (drawn on the server): DejaVu Sans for Latin text,
# WenQuanYi Micro Hei for Chinese labels. The slim image has no fonts at all.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY knowledge ./knowledge
# The image's "node" user (uid 1000) owns the database volume; nothing else is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# Healthy when the database opens, answers and accepts a write, and (with
# DISCORD_TOKEN set) the bot recorded a gateway heartbeat in the last 2 minutes.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "bin/awaitbot.js", "health"]
CMD ["node", "bin/awaitbot.js", "start"]
