// Non-variadic wrappers over libedit's native histedit API (el_set, el_get and history are
// variadic, which Swift cannot call), plus the signal and key-reading plumbing the REPL needs.
#ifndef CLIBEDIT_H
#define CLIBEDIT_H

#include <stddef.h>

/// An editor: libedit's EditLine and History with the prompt and completion hook.
typedef struct tl_editor tl_editor;

/// Completion hook: given the line before and after the cursor, returns a malloc'd string whose
/// first line is the text to insert and whose further lines (if any) are a listing to show; sets
/// *delete_count to the number of characters before the cursor to replace, and *delete_after to
/// the number after it (a closing quote or a space already typed). NULL: nothing.
typedef char *(*tl_completer)(const char *before_cursor, const char *after_cursor, int *delete_count, int *delete_after);

/// Creates an editor on standard input and output, emacs bindings, libedit's own signal
/// handling off, a key reader that returns on SIGINT, Ctrl-R bound to incremental search.
tl_editor *tl_editor_create(const char *program, int history_size);
void tl_editor_destroy(tl_editor *editor);

/// Sets the prompt shown by the next read.
void tl_editor_set_prompt(tl_editor *editor, const char *prompt);

/// Reads a line. Returns NULL at end of input (*count 0) or when interrupted (*count -1).
/// The line includes its newline.
const char *tl_editor_gets(tl_editor *editor, int *count);

/// Discards the half-typed line after an interrupt and restores the terminal.
void tl_editor_reset(tl_editor *editor);

/// Adds an entry to the history (consecutive duplicates are dropped).
void tl_editor_history_add(tl_editor *editor, const char *line);
/// Loads and saves the history file; 0 on success.
int tl_editor_history_load(tl_editor *editor, const char *path);
int tl_editor_history_save(tl_editor *editor, const char *path);

/// Installs the completion hook, bound to Tab.
void tl_editor_set_completer(tl_editor *editor, tl_completer completer);

/// Installs the SIGINT and SIGWINCH handlers (no SA_RESTART, so reads return).
void tl_install_signal_handlers(void);
/// Whether a SIGINT arrived since the last take; clears it.
int tl_take_interrupt(void);
/// Whether a SIGINT arrived since the last take; leaves it set.
int tl_peek_interrupt(void);

#endif
