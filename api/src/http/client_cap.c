#include "http/client_cap.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "ops/log.h"

typedef struct {
    char addr[48];
    int count;
} slot_t;

static slot_t table[CAP_TRACKED];
static int used; /* table[0..used) holds the addresses with open connections */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int cap;
static char counted; /* conn_data marker: this connection was counted */

static ptrdiff_t info_offset = -1;

void client_cap_configure(int max_per_client) { cap = max_per_client; }

void client_cap_learn(const struct mg_connection *conn, const struct mg_request_info *ri) {
    ptrdiff_t off = (const char *)ri - (const char *)conn;
    if (__atomic_load_n(&info_offset, __ATOMIC_ACQUIRE) < 0 && off >= 0 && off < 65536)
        __atomic_store_n(&info_offset, off, __ATOMIC_RELEASE);
}

int client_cap_add(const char *addr, int delta) {
    pthread_mutex_lock(&lock);
    int i = 0, n = -1;
    while (i < used && strcmp(table[i].addr, addr) != 0)
        i++;
    if (i == used && delta > 0 && used < CAP_TRACKED) {
        snprintf(table[i].addr, sizeof table[i].addr, "%s", addr);
        table[i].count = 0;
        used++;
    }
    if (i < used) {
        n = table[i].count += delta;
        if (n <= 0) table[i] = table[--used]; /* keep the table dense: the last entry moves here */
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* civetweb 1.15 does not hand out the socket: find it by its two ends (only for a connection being refused). */
static void shut_down_socket(const struct mg_request_info *ri) {
    DIR *d = opendir("/proc/self/fd");
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int fd = atoi(e->d_name);
        struct sockaddr_storage peer, local;
        socklen_t pl = sizeof peer, ll = sizeof local;
        if (fd < 3 || getpeername(fd, (struct sockaddr *)&peer, &pl) < 0 ||
            getsockname(fd, (struct sockaddr *)&local, &ll) < 0)
            continue;
        char host[INET6_ADDRSTRLEN] = "";
        int pport, lport;
        if (peer.ss_family == AF_INET) {
            const struct sockaddr_in *p = (const struct sockaddr_in *)&peer;
            inet_ntop(AF_INET, &p->sin_addr, host, sizeof host);
            pport = ntohs(p->sin_port);
            lport = ntohs(((const struct sockaddr_in *)&local)->sin_port);
        } else if (peer.ss_family == AF_INET6) {
            const struct sockaddr_in6 *p = (const struct sockaddr_in6 *)&peer;
            inet_ntop(AF_INET6, &p->sin6_addr, host, sizeof host);
            pport = ntohs(p->sin6_port);
            lport = ntohs(((const struct sockaddr_in6 *)&local)->sin6_port);
        } else {
            continue;
        }
        if (pport == ri->remote_port && lport == ri->server_port && strcmp(host, ri->remote_addr) == 0) {
            shutdown(fd, SHUT_RDWR); /* civetweb's read sees the end and closes the connection itself */
            break;
        }
    }
    closedir(d);
}

int client_cap_open(const struct mg_connection *conn, void **conn_data) {
    ptrdiff_t off = __atomic_load_n(&info_offset, __ATOMIC_ACQUIRE);
    if (cap <= 0 || off < 0) return 0;
    const struct mg_request_info *ri = (const struct mg_request_info *)((const char *)conn + off);
    int n = client_cap_add(ri->remote_addr, 1);
    if (n < 0) return 0;
    *conn_data = &counted;
    if (n > cap) {
        if (n == cap + 1) log_msg(LOG_WARN, "client over its connection cap: new connections closed", ri->remote_addr);
        shut_down_socket(ri);
    }
    return 0;
}

void client_cap_close(const struct mg_connection *conn) {
    if (mg_get_user_connection_data(conn) != &counted) return;
    const struct mg_request_info *ri =
        (const struct mg_request_info *)((const char *)conn + __atomic_load_n(&info_offset, __ATOMIC_ACQUIRE));
    client_cap_add(ri->remote_addr, -1);
}
