# The CMS image for docker-compose.yml. Node comes from the project's own pinned `node` package.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY cms/package.json cms/
COPY site/package.json site/
RUN npm ci
COPY . .
RUN npm run build:admin
EXPOSE 3000
CMD ["npm", "start"]
