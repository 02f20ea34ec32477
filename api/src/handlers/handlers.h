/* HTTP handlers: parse and validate the request, call a service or the store, write the response. */
#ifndef NOTEJAM_HANDLERS_H
#define NOTEJAM_HANDLERS_H
#include <stdint.h>
#include "http/request.h"

void h_healthz(req_t *r);
void h_readyz(req_t *r);
void h_version(req_t *r);
void h_metrics(req_t *r);
void h_static(req_t *r);

void h_signup(req_t *r);
void h_signin(req_t *r);
void h_refresh(req_t *r);
void h_signout(req_t *r);
void h_forgot(req_t *r);
void h_reset(req_t *r);
void h_me(req_t *r);
void h_me_password(req_t *r);
void h_me_delete(req_t *r);
void h_me_export(req_t *r);

void h_pads_list(req_t *r);
void h_pads_create(req_t *r);
void h_pad_get(req_t *r);
void h_pad_update(req_t *r);
void h_pad_delete(req_t *r);
void h_pad_notes(req_t *r);
/* 1 if the pad is the caller's; answers 404/503 and returns 0 otherwise. */
int pad_is_mine(req_t *r, int64_t pad_id);

void h_notes_list(req_t *r);
void h_notes_create(req_t *r);
void h_note_get(req_t *r);
void h_note_update(req_t *r);
void h_note_delete(req_t *r);
#endif
