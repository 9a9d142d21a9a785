// PCRE2 harness (pylogrx engine protocol): stdin = regex line, then subject lines; prints ":hex" per group, "-" for no match.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  size_t cap = 1 << 16, len = 0, n;
  char *buf = malloc(cap);
  while ((n = fread(buf + len, 1, cap - len, stdin)) > 0) if ((len += n) == cap) buf = realloc(buf, cap *= 2);
  char *end = buf + len, *line = buf, *nl = memchr(line, '\n', end - line);
  if (!nl) { fputs("no regex line\n", stderr); return 2; }
  int err; PCRE2_SIZE erroff; uint32_t groups;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)line, nl - line, PCRE2_UTF, &err, &erroff, NULL);
  if (!re) { PCRE2_UCHAR msg[256]; pcre2_get_error_message(err, msg, sizeof msg); fprintf(stderr, "offset %zu: %s\n", (size_t)erroff, msg); return 2; }
  pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
  for (line = nl + 1; line < end && (nl = memchr(line, '\n', end - line)); line = nl + 1) {
    int rc = pcre2_match(re, (PCRE2_SPTR)line, nl - line, 0, 0, md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH) { puts("-"); continue; }
    if (rc < 0) { PCRE2_UCHAR msg[256]; pcre2_get_error_message(rc, msg, sizeof msg); fprintf(stderr, "match error: %s\n", msg); return 3; }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    for (uint32_t g = 1; g <= groups; g++) {
      fputs(g > 1 ? " :" : ":", stdout);
      if ((int)g >= rc || ov[2 * g] == PCRE2_UNSET) { putchar('~'); continue; }
      for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++) printf("%02x", (unsigned char)line[i]);
    }
    putchar('\n');
  }
  return 0;
}
