# Stand-in for the official redis:7 image, which cannot be pulled on these machines: Debian's Redis 7 server
# running as the redis user in /data, as docker-compose.yml expects. Used only by the images suite.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o redis -g redis -m 0750 /data
USER redis
WORKDIR /data
EXPOSE 6379
CMD ["redis-server"]
