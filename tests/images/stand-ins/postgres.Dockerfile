# Stand-in for the official postgres:15 image, which cannot be pulled on these machines: Debian's PostgreSQL 15
# with the same contract docker-compose.yml relies on (POSTGRES_USER/PASSWORD/DB, data in
# /var/lib/postgresql/data, port 5432, pg_isready). Used only by the images suite's compose smoke run.
FROM debian:bookworm-slim
RUN mkdir -p /etc/postgresql-common/createcluster.d /usr/share/man/man1 \
 && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/no-main.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o postgres -g postgres -m 0700 /var/lib/postgresql/data \
 && install -d -o postgres -g postgres -m 2775 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
CMD ["postgres"]
