#include <criterion/criterion.h>
#include <string.h>
#include "ops/smtp.h"

Test(smtp_url, plain_relay_defaults_to_port_25_without_credentials) {
    smtp_target_t t;
    cr_assert_eq(smtp_parse_url("smtp://relay.internal", &t), 0);
    cr_assert_str_eq(t.host, "relay.internal");
    cr_assert_str_eq(t.port, "25");
    cr_assert_null(t.user);
    cr_assert_null(t.pass);
    cr_assert_eq(t.implicit_tls, 0);
    smtp_target_free(&t);
}

Test(smtp_url, credentials_are_percent_decoded_and_default_to_submission_port) {
    smtp_target_t t;
    cr_assert_eq(smtp_parse_url("smtp://AKIA%2Fuser:p%40ss%3Aw%C3%B6rd@email-smtp.eu-west-1.amazonaws.com", &t), 0);
    cr_assert_str_eq(t.user, "AKIA/user");
    cr_assert_str_eq(t.pass, "p@ss:w\xc3\xb6rd");
    cr_assert_str_eq(t.host, "email-smtp.eu-west-1.amazonaws.com");
    cr_assert_str_eq(t.port, "587");
    smtp_target_free(&t);
}

Test(smtp_url, smtps_means_tls_from_the_start_on_465) {
    smtp_target_t t;
    cr_assert_eq(smtp_parse_url("smtps://u:p@mail.example.org", &t), 0);
    cr_assert_eq(t.implicit_tls, 1);
    cr_assert_str_eq(t.port, "465");
    smtp_target_free(&t);
    cr_assert_eq(smtp_parse_url("smtps://u:p@mail.example.org:2465", &t), 0);
    cr_assert_str_eq(t.port, "2465");
    smtp_target_free(&t);
}

Test(smtp_url, the_last_at_sign_ends_the_credentials) {
    smtp_target_t t;
    cr_assert_eq(smtp_parse_url("smtp://user:a@b@host:2525", &t), 0);
    cr_assert_str_eq(t.pass, "a@b");
    cr_assert_str_eq(t.host, "host");
    cr_assert_str_eq(t.port, "2525");
    smtp_target_free(&t);
}

Test(smtp_url, malformed_urls_are_refused) {
    const char *bad[] = {"",
                         "http://host",
                         "smtp://",
                         "smtp://:25",
                         "smtp://user@host",   /* no password */
                         "smtp://:pass@host",  /* empty user */
                         "smtp://u:p%zz@host", /* bad escape */
                         "smtp://u:p%0@host",  /* cut escape */
                         "smtp://u:p%00@host", /* NUL byte */
                         "smtp://host:",
                         "smtp://host:25x",
                         "smtp://host:1234567",
                         "smtp://host:65536",
                         "smtp://host:0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        smtp_target_t t;
        cr_assert_eq(smtp_parse_url(bad[i], &t), -1, "accepted %s", bad[i]);
        cr_assert_null(t.host, "left state behind for %s", bad[i]);
    }
}
