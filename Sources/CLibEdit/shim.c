#define _GNU_SOURCE
#include "CLibEdit.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

struct tl_editor {
    EditLine *el;
    History *history;
    HistEvent event;
    char *prompt;
    tl_completer completer;
    int keys;  // the terminal, opened again for reads that never block (-1: read standard input)
};

static volatile sig_atomic_t tl_interrupted = 0;
static volatile sig_atomic_t tl_resized = 0;

static void tl_on_sigint(int signal) { (void)signal; tl_interrupted = 1; }
static void tl_on_sigwinch(int signal) { (void)signal; tl_resized = 1; }

void tl_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR
    action.sa_handler = tl_on_sigint;
    sigaction(SIGINT, &action, NULL);
    action.sa_handler = tl_on_sigwinch;
    sigaction(SIGWINCH, &action, NULL);
}

int tl_take_interrupt(void) {
    int was = tl_interrupted;
    tl_interrupted = 0;
    return was;
}

int tl_peek_interrupt(void) { return tl_interrupted; }

static char *tl_prompt(EditLine *el) {
    tl_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor && editor->prompt ? editor->prompt : "> ";
}

// The key reader: waits with ppoll in short slices so that a SIGINT arriving at any moment makes
// el_gets return (-1, EINTR) instead of being lost; decodes UTF-8 into one wide character.
//
// Keys are read from the editor's own non-blocking descriptor of the terminal: a Ctrl-C empties
// the terminal's input, so a key ppoll saw may be gone by the read, and a blocking read would
// then wait for the next key with the interrupt already taken.
static int tl_getc(EditLine *el, wchar_t *out) {
    tl_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    int input = editor && editor->keys >= 0 ? editor->keys : STDIN_FILENO;
    unsigned char bytes[4];
    size_t have = 0, need = 1;
    for (;;) {
        if (tl_interrupted) {
            errno = EINTR;
            return -1;
        }
        if (tl_resized) {
            tl_resized = 0;
            el_resize(el);
        }
        struct pollfd fd = {.fd = input, .events = POLLIN};
        struct timespec slice = {.tv_sec = 0, .tv_nsec = 100 * 1000 * 1000};
        int ready = ppoll(&fd, 1, &slice, NULL);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (ready == 0) continue;
        ssize_t count = read(input, bytes + have, 1);
        if (count < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        if (count == 0) return 0;
        if (have == 0) {
            unsigned char lead = bytes[0];
            need = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
        }
        have += 1;
        if (have < need) continue;
        wchar_t value;
        switch (need) {
        case 1: value = bytes[0] < 0x80 ? bytes[0] : 0xFFFD; break;
        case 2: value = ((bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F); break;
        case 3: value = ((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F); break;
        default: value = ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F); break;
        }
        *out = value;
        return 1;
    }
}

static unsigned char tl_complete(EditLine *el, int ch) {
    (void)ch;
    tl_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    if (!editor || !editor->completer) return CC_ERROR;
    const LineInfo *line = el_line(el);
    size_t length = (size_t)(line->cursor - line->buffer);
    char *before = malloc(length + 1);
    if (!before) return CC_ERROR;
    memcpy(before, line->buffer, length);
    before[length] = 0;
    size_t after_length = (size_t)(line->lastchar - line->cursor);
    char *after = malloc(after_length + 1);
    if (!after) {
        free(before);
        return CC_ERROR;
    }
    memcpy(after, line->cursor, after_length);
    after[after_length] = 0;
    int delete_count = 0;
    int delete_after = 0;
    char *result = editor->completer(before, after, &delete_count, &delete_after);
    free(before);
    free(after);
    if (!result) return CC_REFRESH_BEEP;
    char *listing = strchr(result, '\n');
    if (listing) *listing++ = 0;
    // What to replace after the cursor: step over it, then delete it with what is before.
    if (delete_after > 0) el_cursor(el, delete_after);
    if (delete_count + delete_after > 0) el_deletestr(el, delete_count + delete_after);
    if (*result) el_insertstr(el, result);
    unsigned char status = CC_REFRESH;
    if (listing && *listing) {
        fputc('\n', stdout);
        fputs(listing, stdout);
        if (listing[strlen(listing) - 1] != '\n') fputc('\n', stdout);
        fflush(stdout);
        status = CC_REDISPLAY;
    }
    free(result);
    return status;
}

tl_editor *tl_editor_create(const char *program, int history_size) {
    tl_editor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    if (!editor->el) {
        free(editor);
        return NULL;
    }
    // A descriptor of its own, so that O_NONBLOCK does not reach the shell's (a shared one would).
    char terminal[256];
    editor->keys = ttyname_r(STDIN_FILENO, terminal, sizeof terminal) == 0
        ? open(terminal, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) : -1;
    editor->history = history_init();
    history(editor->history, &editor->event, H_SETSIZE, history_size);
    history(editor->history, &editor->event, H_SETUNIQUE, 1);
    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    el_set(editor->el, EL_SIGNAL, 0);
    el_set(editor->el, EL_PROMPT, tl_prompt);
    el_set(editor->el, EL_HIST, history, editor->history);
    el_set(editor->el, EL_GETCFN, tl_getc);
    el_set(editor->el, EL_ADDFN, "tl-complete", "complete statements, names and files", tl_complete);
    el_set(editor->el, EL_BIND, "^I", "tl-complete", NULL);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_source(editor->el, NULL);  // the user's ~/.editrc, if any
    return editor;
}

void tl_editor_destroy(tl_editor *editor) {
    if (!editor) return;
    el_end(editor->el);
    history_end(editor->history);
    if (editor->keys >= 0) close(editor->keys);
    free(editor->prompt);
    free(editor);
}

void tl_editor_set_prompt(tl_editor *editor, const char *prompt) {
    free(editor->prompt);
    editor->prompt = strdup(prompt);
}

const char *tl_editor_gets(tl_editor *editor, int *count) { return el_gets(editor->el, count); }

void tl_editor_reset(tl_editor *editor) { el_reset(editor->el); }

void tl_editor_history_add(tl_editor *editor, const char *line) {
    history(editor->history, &editor->event, H_ENTER, line);
}

int tl_editor_history_load(tl_editor *editor, const char *path) {
    return history(editor->history, &editor->event, H_LOAD, path) < 0 ? -1 : 0;
}

int tl_editor_history_save(tl_editor *editor, const char *path) {
    return history(editor->history, &editor->event, H_SAVE, path) < 0 ? -1 : 0;
}

void tl_editor_set_completer(tl_editor *editor, tl_completer completer) { editor->completer = completer; }
